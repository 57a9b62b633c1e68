"""The evaluation report as a PDF for a government letterhead, drawn with reportlab (pure Python)."""
