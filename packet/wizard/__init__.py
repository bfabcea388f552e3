"""The interactive wizard: choose, answer, review, build; saved after every step."""
