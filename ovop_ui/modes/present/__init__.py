"""Present mode: the slide sequence for a meeting room projector."""
