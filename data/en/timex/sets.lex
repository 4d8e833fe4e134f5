# Sets. EVERY introduces a recurring period; SETADV are adverbs (value = TIMEX3 value).
# Format: phrase<TAB>CLASS[<TAB>value[<TAB>number]] (tab separated; the number
# defaults to the value read as an integer; a phrase written with a capital first letter
# only matches capitalised text).
every	EVERY
each	EVERY
per	EVERY
every other	EVERY
daily	SETADV	P1D
weekly	SETADV	P1W
monthly	SETADV	P1M
annually	SETADV	P1Y
yearly	SETADV	P1Y
hourly	SETADV	PT1H
nightly	SETADV	P1D
biweekly	SETADV	P2W
semiannually	SETADV	P6M
per year	SETADV	P1Y
per day	SETADV	P1D
per month	SETADV	P1M
per week	SETADV	P1W
