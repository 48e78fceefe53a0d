"""Each role's start page: what is waiting and whom to reach."""
