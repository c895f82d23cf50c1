"""What a ``pipeline_tag`` that is not one of the Hub's 57 tags was meant to be (MC301)."""

from cardlint.metadata.data import hub_lists
from cardlint.metadata.nearest import closest, folded
from cardlint.metadata.verdict import Verdict


def pipeline_verdict(value: str) -> Verdict | None:
    """None for a listed tag; else why it is not one and what to write:

    - ``removed``: a tag the Hub removed (``conversational``), any case; ``ids`` holds its successor;
    - ``variant``: a listed tag in another case or with other separators (``Text_Generation``);
    - ``subtask``: a subtask type (``sentiment-analysis``); ``ids`` holds its pipeline tags;
    - ``near``: a near spelling of a tag (``text-generaton``);
    - ``unknown``: none of these.
    """
    lists = hub_lists()
    if value in lists.pipeline_tag_ids:
        return None
    key = folded(value)
    for old, successor in lists.deprecated.get("pipeline_tag", {}).items():
        if folded(old) == key:
            return Verdict("removed", (successor,) if successor else (), old)
    for tag in lists.pipeline_tags:
        if folded(tag) == key:
            return Verdict("variant", (tag,), tag)
    for subtask, tags in lists.subtask_pipelines.items():
        if folded(subtask) == key:
            return Verdict("subtask", tuple(tags), subtask)
    near = closest(value, lists.pipeline_tags)
    return Verdict("near", (near,), near) if near else Verdict("unknown")
