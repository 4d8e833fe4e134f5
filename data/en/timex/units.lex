# Calendar units. UNIT value = code (Y M W D H MIN S DE=decade CE=century Q=quarter
# HALF WE=weekend), number = 1 for plural forms. OLD/LONG mark ages ('four-year-old').
# Format: phrase<TAB>CLASS[<TAB>value[<TAB>number]] (tab separated; the number
# defaults to the value read as an integer; a phrase written with a capital first letter
# only matches capitalised text).
year	UNIT	Y	0
years	UNIT	Y	1
month	UNIT	M	0
months	UNIT	M	1
week	UNIT	W	0
weeks	UNIT	W	1
day	UNIT	D	0
days	UNIT	D	1
hour	UNIT	H	0
hours	UNIT	H	1
minute	UNIT	MIN	0
minutes	UNIT	MIN	1
second	UNIT	S	0
seconds	UNIT	S	1
decade	UNIT	DE	0
decades	UNIT	DE	1
century	UNIT	CE	0
centuries	UNIT	CE	1
quarter	UNIT	Q	0
quarters	UNIT	Q	1
half	UNIT	HALF	0
halfs	UNIT	HALF	1
weekend	UNIT	WE	0
weekends	UNIT	WE	1
yr	UNIT	Y	0
yrs	UNIT	Y	1
min	UNIT	MIN	0
mins	UNIT	MIN	1
hr	UNIT	H	0
hrs	UNIT	H	1
millennium	UNIT	ML	0
old	OLD
long	LONG
quarter	QUARTER	Q	0
year-end	YEAREND	END
year end	YEAREND	END
year's end	YEAREND	END
the end of the year	YEAREND	END
the turn of the year	YEAREND	END
nineties	DECADEW	199
eighties	DECADEW	198
seventies	DECADEW	197
sixties	DECADEW	196
fifties	DECADEW	195
forties	DECADEW	194
thirties	DECADEW	193
twenties	DECADEW	192
period	PERIOD
# "the year ended Sept. 30": a fiscal year up to a date is a DURATION (P1Y) in TimeBank
# (7 of 7); the cue itself is left out of the extent.
ended	ENDCUE
ending	ENDCUE
