# Function words and marks the patterns use: THE, OF, HYPHEN, COMMA, POSS ('s),
# FISCAL, BC (era), AMPM (value AM/PM), TZ (time zones; value Z for UTC, which the
# TIME value then ends with; local zones add nothing, as in TimeBank), ORSO (vague 'or so').
# Format: phrase<TAB>CLASS[<TAB>value[<TAB>number]] (tab separated; the number
# defaults to the value read as an integer; a phrase written with a capital first letter
# only matches capitalised text).
the	THE
of	OF
-	HYPHEN
,	COMMA
's	POSS
fiscal	FISCAL
BC	BC
b.c.	BC
BCE	BC
b.c.e.	BC
AD	AD
a.d.	AD
CE	AD
a.m.	AMPM	AM
am	AMPM	AM
p.m.	AMPM	PM
pm	AMPM	PM
o'clock	AMPM	OC
ET	TZ
EST	TZ
EDT	TZ
CT	TZ
CST	TZ
CDT	TZ
PT	TZ
PST	TZ
PDT	TZ
GMT	TZ	Z
UTC	TZ	Z
BST	TZ
CET	TZ
MT	TZ
MST	TZ
local time	TZ
or so	ORSO
