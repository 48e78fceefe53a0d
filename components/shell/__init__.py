"""The one frame of every page and the language picker."""
