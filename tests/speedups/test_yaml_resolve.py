"""speedups.yaml_resolve composes the nodes PyYAML composes, tag for tag, while remembering tags."""

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from cardlint.speedups import yaml_resolve
from cardlint.speedups.yaml_resolve import remembering

# texts whose tag is not a string's, or is close to one that is not
_PLAIN = st.sampled_from(
    ["yes", "No", "on", "~", "null", "", "0x1f", "017", "1_000", "1:30", "1e3", ".nan", "-.inf"]
    + ["2024-01-02", "2024-01-02 10:00:00", "=", "<<", "a b", "1.0", "+1", ".5", "true", "y"]
)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8), _PLAIN
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=5) | _PLAIN, children, max_size=3)
    ),
    max_leaves=12,
)
_LOADERS = [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)]


def _tree(text: str, loader_class: type) -> object:
    """Every node's kind, tag, value and marks, or the error composing the text raises."""
    loader = loader_class(text)
    try:
        return _shape(loader.get_single_node())
    except yaml.YAMLError as error:
        return str(error)
    finally:
        loader.dispose()


def _shape(node: yaml.Node | None) -> object:
    if node is None:
        return None
    marks = (node.start_mark.index, node.end_mark.index, getattr(node, "style", None))
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("sequence", node.tag, [_shape(item) for item in node.value], marks)
    return ("mapping", node.tag, [(_shape(k), _shape(v)) for k, v in node.value], marks)


@given(_VALUES, st.booleans())
@example({"a": ["yes", 1, "1e3"], "~": None}, False)
def test_the_remembering_loader_composes_what_pyyaml_composes(value: object, flow: bool) -> None:
    block = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    for loader_class in _LOADERS:
        remembering_class = remembering(loader_class)
        # quoted as PyYAML wrote them, and unquoted (the texts then resolve to other tags), twice:
        # the second time from what was remembered
        for text in (block, block.replace("'", ""), block, block.replace("'", "")):
            assert _tree(text, remembering_class) == _tree(text, loader_class), text


def test_what_is_remembered_is_bounded(monkeypatch) -> None:
    monkeypatch.setattr(yaml_resolve, "MOST_REMEMBERED", 3)
    loader_class = remembering(yaml.SafeLoader)
    text = "[" + ", ".join(["yes", "1", "x", "1.5", "null", "y" * 100, "2024-01-02", "yes"]) + "]"
    assert _tree(text, loader_class) == _tree(text, yaml.SafeLoader)
    tags = next(
        cell.cell_contents
        for cell in loader_class.resolve.__closure__
        if isinstance(cell.cell_contents, dict)
    )
    assert 0 < len(tags) <= 3 and all(len(key) <= yaml_resolve.LONGEST_REMEMBERED for key in tags)


def test_a_loader_with_path_resolvers_is_left_as_it_is() -> None:
    class WithPaths(yaml.SafeLoader):
        pass

    WithPaths.add_path_resolver("!x", ["a"], dict)
    assert remembering(WithPaths) is WithPaths
