"""speedups.yaml_plain builds what PyYAML's constructor builds, value for value, on plain trees."""

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from cardlint.reading.card import all_nodes, parse_card
from cardlint.speedups.yaml_plain import construct_plain

_PLAIN_SCALARS = st.sampled_from(
    [
        "yes",
        "No",
        "on",
        "~",
        "null",
        "",
        "0x1f",
        "017",
        "1_000",
        "1:30",
        "1e3",
        ".nan",
        "-.inf",
        "2024-01-02",
        "=",
        "<<",
        "a b",
    ]
)
_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=8),
        _PLAIN_SCALARS,
    ),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=5) | _PLAIN_SCALARS, children, max_size=3)
    ),
    max_leaves=12,
)
_DATA = st.dictionaries(st.text(min_size=1, max_size=6), _VALUES, max_size=4)
_LOADERS = st.sampled_from([yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])


def _same(a: object, b: object) -> bool:
    """The same types and values, in the same order (a NaN is the same as a NaN; 1 is not True)."""
    return repr(a) == repr(b)


def _texts(data: dict[str, object], flow: bool) -> tuple[str, str]:
    """The data as PyYAML writes it, and with quotes removed: the plain scalars then resolve to
    other types (booleans, numbers, dates, merge keys), or fail to build."""
    block = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    return block, block.replace("'", "")


def _constructed(text: str, loader_class: type) -> object:
    """What the loader's construct_document builds from the text, or "error"."""
    loader = loader_class(text)
    try:
        return loader.construct_document(loader.get_single_node())
    except Exception:  # whatever PyYAML's constructor raises: the speedup must give way to it
        return "error"
    finally:
        loader.dispose()


@given(_DATA, st.booleans(), _LOADERS)
@example({"a": {"yes": 1, "on": 2}}, False, yaml.SafeLoader)  # unquoted, two keys are True
def test_construct_plain_is_construct_document(
    data: dict[str, object], flow: bool, loader_class: type
) -> None:
    """On the same composed tree, construct_plain gives construct_document's value, or None."""
    for index, text in enumerate(_texts(data, flow)):
        try:
            loader = loader_class(text)
            root = loader.get_single_node()
        except yaml.YAMLError:  # no tree to build (the unquoted text may not parse)
            continue
        try:
            built = construct_plain(loader, root)
        finally:
            loader.dispose()
        expected = _constructed(text, loader_class)
        if index == 0:  # what PyYAML itself wrote holds only core tags: the fast path takes it
            assert built is not None, text
        if built is not None:
            value, nodes, distinct = built
            assert _same(value, expected), f"{text!r}: {value!r}, PyYAML built {expected!r}"
            assert [(id(node), key) for node, key in nodes] == [
                (id(node), key) for node, key in all_nodes(root)
            ]
            assert distinct == _keys_distinct(root)


def _keys_distinct(root: yaml.Node) -> bool:
    """Whether every mapping's keys build to distinct values (PyYAML's own constructor)."""
    constructor = yaml.constructor.SafeConstructor()
    return all(
        len({constructor.construct_object(key) for key, _ in node.value}) == len(node.value)
        for node, _ in all_nodes(root)
        if isinstance(node, yaml.MappingNode)
    )


@given(_DATA, st.booleans())
@example({"a": {"yes": 1, "on": 2}}, False)
def test_metadata_is_what_pyyaml_constructs(data: dict[str, object], flow: bool) -> None:
    """cardlint builds plain trees itself (speedups.yaml_plain); the result is PyYAML's, value for value."""
    block = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    # unquoted, the plain scalars resolve to other types
    for text in (
        block,
        block.replace("'", ""),
    ):
        try:
            expected: object = yaml.load(text, Loader=yaml.SafeLoader)  # huggingface_hub's reader
        except yaml.YAMLError:
            expected = "error"
        card = parse_card(f"---\n{text}---\n")
        mine = card.metadata if card.problem is None else "error"
        if isinstance(expected, dict) or mine != "error":
            assert _same(mine, expected), (
                f"{text!r}: cardlint read {mine!r}, PyYAML read {expected!r}"
            )
        if card.root is not None:  # the nodes the construction listed are all_nodes' own
            assert [(id(node), key) for node, key in card.nodes()] == [
                (id(node), key) for node, key in all_nodes(card.root)
            ]
            keys = [
                [(k.tag, k.value) for k, _ in node.value]
                for node, _ in card.nodes()
                if isinstance(node, yaml.MappingNode)
            ]
            if card.keys_distinct:
                assert all(len(set(idents)) == len(idents) for idents in keys)
