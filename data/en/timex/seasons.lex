# Seasons (value = TIMEX3 season code) and parts of the day (value = TIMEX3 code, or
# a clock time for the points of the day: noon T12:00, midnight T24:00 as the TimeML
# guidelines write them).
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
midday	PARTDAY	12:00
noon	PARTDAY	12:00
midnight	PARTDAY	24:00
mid-morning	PARTDAY	MO
mid-afternoon	PARTDAY	AF
late night	PARTDAY	NI
daytime	PARTDAY	DT
