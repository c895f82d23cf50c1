"""The Hub's path notation, and the node a path names."""

import yaml
from hypothesis import given
from hypothesis import strategies as st

from cardlint.metadata.paths import node_at, path_parts, path_text
from cardlint.reading.card import parse_card

keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-0123456789", min_size=1, max_size=12)
parts = st.lists(st.one_of(keys, st.integers(min_value=0, max_value=99)), min_size=1).filter(
    lambda found: isinstance(found[0], str)
)


@given(parts)
def test_path_text_and_parts_are_inverse(found):
    assert path_parts(path_text(found)) == tuple(found)


def test_hub_message_paths_read_back():
    assert path_text(("model-index", 0, "results", 0, "dataset", "config")) == (
        "model-index[0].results[0].dataset.config"
    )
    assert path_parts('"datasets[0]"') == ("datasets", 0)


CARD = """---
license: mit
model-index:
- name: m
  results:
  - dataset: {name: d, config: 3}
---
"""


def test_node_at_finds_the_value_and_stops_at_the_deepest_node_present():
    root = parse_card(CARD).root
    config = node_at(root, path_parts("model-index[0].results[0].dataset.config"))
    assert isinstance(config, yaml.ScalarNode) and config.value == "3"
    dataset = node_at(root, path_parts("model-index[0].results[0].dataset.split"))
    assert isinstance(dataset, yaml.MappingNode)
    assert node_at(root, ("datasets", 0)) is None
    assert node_at(root, ("model-index", 5)).tag.endswith("seq")
