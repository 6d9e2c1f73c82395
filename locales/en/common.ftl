# Shared by every employee-facing text.

# A date in this locale's form. $iso is YYYY-MM-DD; $year, $month and $day
# are its parts without leading zeros.
date = { $iso }

# Between the items of a list (exam codes, admins' names).
list-separator = {", "}
