"""Output: the machine and plain-text formats (formats), the terminal table (table), the
build's progress line (progress), and choosing among them (emit)."""
