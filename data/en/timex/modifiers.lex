# Modifiers. POSMOD: position in a period (value = TIMEX3 mod). QMOD: quantity
# and approximation modifiers (value = TIMEX3 mod; number -1 for an approximation from
# below, "nearly"/"almost": "the nearly four-year-old war" began between four and three
# years before the DCT, "about four years old" on either side of four). "almost" is
# LESS_THAN as in TimeBank ("almost a hundred years", "almost two years ago"), "nearly"
# APPROX ("nearly two months").
# Format: phrase<TAB>CLASS[<TAB>value[<TAB>number]] (tab separated; the number
# defaults to the value read as an integer; a phrase written with a capital first letter
# only matches capitalised text).
early	POSMOD	START
earlier	POSMOD	START
mid	POSMOD	MID
mid-	POSMOD	MID
late	POSMOD	END
later	POSMOD	END
the end of	POSMOD	END
end of	POSMOD	END
the beginning of	POSMOD	START
beginning of	POSMOD	START
the start of	POSMOD	START
start of	POSMOD	START
the middle of	POSMOD	MID
middle of	POSMOD	MID
the close of	POSMOD	END
the first half of	POSMOD	START
the second half of	POSMOD	END
the latter part of	POSMOD	END
the early part of	POSMOD	START
the turn of	POSMOD	START
the dawn of	POSMOD	START
earlier in	POSMOD	START
later in	POSMOD	END
early in	POSMOD	START
late in	POSMOD	END
the last half of	POSMOD	END
around	QMOD	APPROX
roughly	QMOD	APPROX
approximately	QMOD	APPROX
nearly	QMOD	APPROX	-1
almost	QMOD	LESS_THAN	-1
some	QMOD	APPROX
close to	QMOD	APPROX
more than	QMOD	MORE_THAN
upwards of	QMOD	MORE_THAN
at least	QMOD	EQUAL_OR_MORE
less than	QMOD	LESS_THAN
under	QMOD	LESS_THAN
fewer than	QMOD	LESS_THAN
no more than	QMOD	EQUAL_OR_LESS
up to	QMOD	EQUAL_OR_LESS
at most	QMOD	EQUAL_OR_LESS
just over	QMOD	MORE_THAN
just under	QMOD	LESS_THAN
well over	QMOD	MORE_THAN
nearly a	QMOD	APPROX	-1
some	QMOD	APPROX
