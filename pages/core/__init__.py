"""What every page shares: the guard that checks roles and the view handed to page builders."""
