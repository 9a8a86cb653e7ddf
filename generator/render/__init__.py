"""Renderers: pure functions from the typed model to text (Markdown, SVG, BPMN, iCalendar)."""
