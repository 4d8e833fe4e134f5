# Tense cues: words near a weekday or a bare month that say whether it lies before
# (PAST) or after (FUTURE) the DCT. Words ending in -ed also count as past. Only
# strong future cues are listed: news weekdays are past nine times out of ten, so
# "would", "expected", "plans" (often in past-tense reporting) are left out.
# Format: phrase<TAB>CLASS[<TAB>value[<TAB>number]] (tab separated; the number
# defaults to the value read as an integer; a phrase written with a capital first letter
# only matches capitalised text).
will	FUTURE
'll	FUTURE
shall	FUTURE
going to	FUTURE
scheduled	FUTURE
due	FUTURE
set to	FUTURE
next	FUTURE
upcoming	FUTURE
is to	FUTURE
are to	FUTURE
to be held	FUTURE
tomorrow	FUTURE
wo	FUTURE
was	PAST
were	PAST
had	PAST
did	PAST
ago	PAST
last	PAST
came	PAST
went	PAST
took	PAST
made	PAST
met	PAST
began	PAST
left	PAST
gave	PAST
saw	PAST
found	PAST
held	PAST
fell	PAST
rose	PAST
won	PAST
lost	PAST
got	PAST
killed	PAST
died	PAST
yesterday	PAST
earlier	PAST
previously	PAST
# Neither: words that often stand in past-tense reporting of future plans; listed so
# that the -ed rule does not read them as past.
would	NOTENSE
planned	NOTENSE
plans	NOTENSE
until	NOTENSE
expected	FUTURE
planning	FUTURE
plan to	FUTURE
as soon as	FUTURE
as early as	FUTURE
could	FUTURE
hoped	NOTENSE
intended	NOTENSE
proposed	NOTENSE
said	PAST
told	PAST
announced	PAST
reported	PAST
# "next to" is a place, not a time
next to	NOTENSE
is expected	FUTURE
are expected	FUTURE
