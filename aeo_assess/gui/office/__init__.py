"""Paper and office bridges in the GUI (issue 18): printable questionnaires, spreadsheets."""
