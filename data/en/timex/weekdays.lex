# Weekday names; value = ISO weekday 1 (Monday) .. 7 (Sunday).
# Format: phrase<TAB>CLASS<TAB>value (tab separated; phrase lowercase unless it must
# be capitalised in the text; several lines may give one phrase several classes).
monday	WEEKDAY	1
Mon.	WEEKDAY	1
tuesday	WEEKDAY	2
Tue.	WEEKDAY	2
wednesday	WEEKDAY	3
Wed.	WEEKDAY	3
thursday	WEEKDAY	4
Thu.	WEEKDAY	4
friday	WEEKDAY	5
Fri.	WEEKDAY	5
saturday	WEEKDAY	6
Sat.	WEEKDAY	6
sunday	WEEKDAY	7
Sun.	WEEKDAY	7
tues.	WEEKDAY	2
thurs.	WEEKDAY	4
