"""Request and response schemas of personnel's API, one module per group of resources."""
