"""What the metadata rules (MC*) share: the Hub's packaged lists, the Hub's path notation for a
field, and near-match suggestions. Rules import these modules directly."""
