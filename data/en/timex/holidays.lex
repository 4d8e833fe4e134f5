# Holidays. value = MM-DD for fixed dates, or MM-N-W for the N-th weekday W of the
# month (N = 5: the last one).
# Format: phrase<TAB>CLASS[<TAB>value[<TAB>number]] (tab separated; the number
# defaults to the value read as an integer; a phrase written with a capital first letter
# only matches capitalised text).
christmas	HOLIDAY	12-25
christmas day	HOLIDAY	12-25
Christmas Eve	HOLIDAY	12-24
new year's day	HOLIDAY	01-01
new year's eve	HOLIDAY	12-31
New Year's	HOLIDAY	01-01
independence day	HOLIDAY	07-04
the fourth of july	HOLIDAY	07-04
july fourth	HOLIDAY	07-04
halloween	HOLIDAY	10-31
valentine's day	HOLIDAY	02-14
veterans day	HOLIDAY	11-11
armistice day	HOLIDAY	11-11
thanksgiving	HOLIDAY	11-4-4
thanksgiving day	HOLIDAY	11-4-4
labor day	HOLIDAY	09-1-1
memorial day	HOLIDAY	05-5-1
martin luther king day	HOLIDAY	01-3-1
presidents day	HOLIDAY	02-3-1
mother's day	HOLIDAY	05-2-7
father's day	HOLIDAY	06-3-7
boxing day	HOLIDAY	12-26
christmas eve	HOLIDAY	12-24
may day	HOLIDAY	05-01
bastille day	HOLIDAY	07-14
