# Seasons (value = TIMEX3 season code) and parts of the day (value = TIMEX3 code).
# Format: phrase<TAB>CLASS<TAB>value (tab separated; phrase lowercase unless it must
# be capitalised in the text; several lines may give one phrase several classes).
spring	SEASON	SP
summer	SEASON	SU
fall	SEASON	FA
autumn	SEASON	FA
winter	SEASON	WI
morning	PARTDAY	MO
afternoon	PARTDAY	AF
evening	PARTDAY	EV
night	PARTDAY	NI
overnight	PARTDAY	NI
midday	PARTDAY	MI
noon	PARTDAY	MI
midnight	PARTDAY	NI
mid-morning	PARTDAY	MO
mid-afternoon	PARTDAY	AF
late night	PARTDAY	NI
daytime	PARTDAY	DT
