# Words that anchor on the DCT.
# ("soon" is left out: TimeBank tags it in 4 of 18 uses.)
# REL: last/this/next (number -1/0/+1; value ANA for anaphoric words, "the following",
# "that", counted from the date the text is at rather than from the DCT).
# AGO: offsets after a quantity (ago = -1, later = +1). "after" and "before" are not
# AGO: "two days after the vote" counts from an event, not from the DCT, and TimeBank
# (8 of 8) and MEANTIME (6 of 6) annotate the quantity alone as a DURATION ("two days",
# P2D), leaving "after" out of the extent.
# DAYREL: today/yesterday/tomorrow (number = day offset; value = part of day).
# REF: vague references (value = TIMEX3 value).
# Format: phrase<TAB>CLASS[<TAB>value[<TAB>number]] (tab separated; the number
# defaults to the value read as an integer; a phrase written with a capital first letter
# only matches capitalised text).
last	REL		-1
past	REL		-1
previous	REL		-1
preceding	REL	ANA	-1
prior	REL		-1
this	REL		0
current	REL		0
present	REL		0
next	REL		1
coming	REL		1
following	REL	ANA	1
upcoming	REL		1
the next	REL		1
the last	REL		-1
the past	REL		-1
the coming	REL		1
the current	REL		0
this past	REL		-1
the following	REL	ANA	1
ago	AGO		-1
earlier	AGO		-1
previously	AGO		-1
later	AGO		1
from now	AGO		1
hence	AGO		1
today	DAYREL		0
yesterday	DAYREL		-1
tomorrow	DAYREL		1
tonight	DAYREL		0
the day before yesterday	DAYREL		-2
the day after tomorrow	DAYREL		2
last night	DAYREL	NI	-1
this morning	DAYREL	MO	0
this afternoon	DAYREL	AF	0
this evening	DAYREL	EV	0
yesterday morning	DAYREL	MO	-1
yesterday afternoon	DAYREL	AF	-1
yesterday evening	DAYREL	EV	-1
tomorrow morning	DAYREL	MO	1
now	REF	PRESENT_REF
currently	REF	PRESENT_REF
current	REF	PRESENT_REF
presently	REF	PRESENT_REF
at present	REF	PRESENT_REF
nowadays	REF	PRESENT_REF
these days	REF	PRESENT_REF
at the moment	REF	PRESENT_REF
the present	REF	PRESENT_REF
at this time	REF	PRESENT_REF
recently	REF	PAST_REF
lately	REF	PAST_REF
the past	REF	PAST_REF
formerly	REF	PAST_REF
the future	REF	FUTURE_REF
the near future	REF	FUTURE_REF
latest	REL		-1
the latest	REL		-1
most recent	REL		-1
the most recent	REL		-1
recent	REFADJ	PAST_REF
that	REL	ANA	0
that same	REL	ANA	0
the same	REL	ANA	0
the previous	REL		-1
