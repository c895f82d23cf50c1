"""Audit one partition of a dump: lint each card with the library ``check`` uses and return
the partition's rows of ``cards.parquet`` and ``findings.parquet``."""

from typing import TYPE_CHECKING, Any

from cardlint.audit import facts
from cardlint.audit.columns import CARDS_SCHEMA, FINDINGS_SCHEMA
from cardlint.diagnostics import Diagnostic
from cardlint.linter import MAX_BYTES, internal_error, result_for
from cardlint.reading.card import Card, parse_card
from cardlint.reading.co2 import KEY

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


def audit_partition(frame: "pd.DataFrame") -> "tuple[pd.DataFrame, pd.DataFrame]":
    """The (cards, findings) frames of a frame in the normalised input layout
    (modelId, author, createdAt, downloads, card); one cards row per input row, in order."""
    cards, findings = audit_tables(frame)
    return as_frame(cards), as_frame(findings)


def audit_tables(frame: "pd.DataFrame") -> "tuple[pa.Table, pa.Table]":
    """``audit_partition`` as pyarrow tables of CARDS_SCHEMA and FINDINGS_SCHEMA."""
    import pandas as pd
    import pyarrow as pa

    created = pd.to_datetime(frame["createdAt"], utc=True, errors="coerce", format="mixed")
    rows: list[dict[str, Any]] = []
    found: list[dict[str, Any]] = []
    for model_id, author, when, downloads, card in zip(
        frame["modelId"], frame["author"], created, frame["downloads"], frame["card"]
    ):
        name = model_id if isinstance(model_id, str) else "" if pd.isna(model_id) else str(model_id)
        row = {
            "id": name,
            "author": _text(author),
            "created": None if pd.isna(when) else when.to_pydatetime(warn=False),
            "downloads": _count(downloads),
        }
        row.update(audit_card(name, card, found))
        rows.append(row)
    cards = pa.Table.from_pylist(rows, schema=CARDS_SCHEMA)
    return cards, pa.Table.from_pylist(found, schema=FINDINGS_SCHEMA)


def as_frame(table: "pa.Table") -> "pd.DataFrame":
    """A table as a pandas frame of Arrow-backed columns, so that it converts back unchanged."""
    import pandas as pd

    return table.to_pandas(types_mapper=pd.ArrowDtype)


def audit_card(name: str, text: Any, findings: list[dict[str, Any]]) -> dict[str, Any]:
    """The columns of one card's row after id..downloads; its findings are appended to ``findings``."""
    reason = _unreadable(text)
    if reason is not None:
        return _unread(reason)
    try:
        bom = text.startswith("\ufeff")
        card = parse_card(text[1:] if bom else text, name, bom)
        result = result_for(card)
        row = _card_row(card, result.diagnostics)
    except Exception as error:  # a bug met in one card loses this card, not the partition
        return _unread(internal_error(error))
    findings.extend(_finding(name, d) for d in result.diagnostics)
    return row


def _unreadable(text: Any) -> str | None:
    if not isinstance(text, str):
        import pandas as pd

        # None, NaN or pd.NA (an Arrow-backed string column's null)
        if pd.api.types.is_scalar(text) and pd.isna(text):
            return "card is null"
        return f"card is {type(text).__name__}, not text"
    # a character is at most 4 bytes in UTF-8: only a long text is encoded to be measured
    if len(text) > MAX_BYTES or (
        len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES
    ):
        return f"card is over the {MAX_BYTES // 1024 // 1024} MB limit for a README"
    return None


def _unread(reason: str) -> dict[str, Any]:
    """An unreadable card's columns: it gives no field, and has no finding."""
    row: dict[str, Any] = {name: False for name in CARDS_SCHEMA.names if name.startswith("has_")}
    row.update(readable=False, unreadable_reason=reason, source_category="missing")
    return {**row, "codes": [], "finding_count": 0}


def _card_row(card: Card, diagnostics: tuple[Diagnostic, ...]) -> dict[str, Any]:
    metadata = card.metadata if isinstance(card.metadata, dict) else None
    block = metadata.get(KEY) if metadata is not None and KEY in metadata else None
    has_block = metadata is not None and KEY in metadata
    hub_grams = facts.emissions_grams(card)
    return {
        "readable": True,
        "has_metadata": metadata is not None,
        "co2_form": facts.co2_form(block) if has_block else None,
        "emissions_hub_g": hub_grams,
        "emissions_fixed_g": _fixed_grams(card, diagnostics, hub_grams),
        **facts.co2_fields(block),
        **facts.metadata_presence(card),
        "codes": sorted({d.code for d in diagnostics}),
        "finding_count": len(diagnostics),
    }


def _fixed_grams(
    card: Card, diagnostics: tuple[Diagnostic, ...], hub: float | None
) -> float | None:
    """The emissions after ``cardlint fix`` (safe fixes only); a refused fix leaves the card as it was."""
    if not any(d.fix is not None and d.fix.is_safe for d in diagnostics):
        return hub
    from cardlint.fixer.apply import fix_card
    from cardlint.fixer.verify import FixRefused

    try:
        fixed, _ = fix_card(card)
    except FixRefused:
        return hub
    return facts.emissions_grams(fixed)


def _finding(name: str, diagnostic: Diagnostic) -> dict[str, Any]:
    row, column = diagnostic.location
    fix = diagnostic.fix
    return {
        "id": name,
        "code": diagnostic.code,
        "severity": diagnostic.severity,
        "line": row,
        "column": column,
        "message": diagnostic.message,
        "fixable": fix is not None,
        "fix_applicability": None if fix is None else fix.applicability.value,
    }


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _count(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number == number and abs(number) < 2**63 else None
