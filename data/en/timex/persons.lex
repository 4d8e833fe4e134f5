# Person nouns: an age written before them ("a 6-year-old boy") is a person's age,
# which TimeML corpora do not tag, unlike the age of a thing ("a four-year-old war").
# Format: phrase<TAB>PERSON
boy	PERSON
boys	PERSON
girl	PERSON
girls	PERSON
man	PERSON
men	PERSON
woman	PERSON
women	PERSON
son	PERSON
sons	PERSON
daughter	PERSON
daughters	PERSON
child	PERSON
children	PERSON
kid	PERSON
kids	PERSON
baby	PERSON
babies	PERSON
student	PERSON
students	PERSON
player	PERSON
players	PERSON
driver	PERSON
resident	PERSON
victim	PERSON
mother	PERSON
father	PERSON
brother	PERSON
sister	PERSON
grandmother	PERSON
grandfather	PERSON
patient	PERSON
veteran	PERSON
cousin	PERSON
nephew	PERSON
niece	PERSON
daughter-in-law	PERSON
son-in-law	PERSON
wife	PERSON
husband	PERSON
cuban	PERSON
american	PERSON
who	PERSON
mare	PERSON
horse	PERSON
colt	PERSON
filly	PERSON
gelding	PERSON
# TITLE: titles before a surname ("Mrs. May"). MONTHCUE: words after which a bare
# capitalised month name ("May", "March") is the month; without one, "May" after a
# capitalised word inside a sentence ("Theresa May") or before a verb or "'s" ("May
# signed") is a name. Very frequent words ("in", "on", "to") are left out on purpose:
# every lexicon word costs a lookup per occurrence, and a sentence-initial "In May" is
# kept anyway.
mr	TITLE
mr.	TITLE
mrs	TITLE
mrs.	TITLE
ms	TITLE
ms.	TITLE
dr	TITLE
dr.	TITLE
sir	TITLE
dame	TITLE
lady	TITLE
lord	TITLE
since	MONTHCUE
until	MONTHCUE
till	MONTHCUE
through	MONTHCUE
of	MONTHCUE
during	MONTHCUE
before	MONTHCUE
after	MONTHCUE
between	MONTHCUE
early	MONTHCUE
late	MONTHCUE
mid	MONTHCUE
last	MONTHCUE
next	MONTHCUE
this	MONTHCUE
-	MONTHCUE
,	MONTHCUE
