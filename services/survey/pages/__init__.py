"""The survey's HTML pages: the public questionnaire of each open campaign, and the QR codes staff print."""
