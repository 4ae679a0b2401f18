"""Words and numbers for people: the translation catalog, number/date formats, sentences read aloud."""
