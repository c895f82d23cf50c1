"""Reading a card: the metadata block the Hub's pattern finds, its YAML, and minimal text edits."""
