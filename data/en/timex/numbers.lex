# Number words (NUMWORD, value = number), ordinals (ORD), vague quantities (FEW,
# value 0 = unknown 'X', else the number), the article 'a' (A).
# Format: phrase<TAB>CLASS<TAB>value (tab separated; phrase lowercase unless it must
# be capitalised in the text; several lines may give one phrase several classes).
one	NUMWORD	1
two	NUMWORD	2
three	NUMWORD	3
four	NUMWORD	4
five	NUMWORD	5
six	NUMWORD	6
seven	NUMWORD	7
eight	NUMWORD	8
nine	NUMWORD	9
ten	NUMWORD	10
eleven	NUMWORD	11
twelve	NUMWORD	12
thirteen	NUMWORD	13
fourteen	NUMWORD	14
fifteen	NUMWORD	15
sixteen	NUMWORD	16
seventeen	NUMWORD	17
eighteen	NUMWORD	18
nineteen	NUMWORD	19
twenty	NUMWORD	20
twenty-one	NUMWORD	21
twenty one	NUMWORD	21
twenty-two	NUMWORD	22
twenty two	NUMWORD	22
twenty-three	NUMWORD	23
twenty three	NUMWORD	23
twenty-four	NUMWORD	24
twenty four	NUMWORD	24
twenty-five	NUMWORD	25
twenty five	NUMWORD	25
twenty-six	NUMWORD	26
twenty six	NUMWORD	26
twenty-seven	NUMWORD	27
twenty seven	NUMWORD	27
twenty-eight	NUMWORD	28
twenty eight	NUMWORD	28
twenty-nine	NUMWORD	29
twenty nine	NUMWORD	29
thirty	NUMWORD	30
thirty-one	NUMWORD	31
thirty one	NUMWORD	31
thirty-two	NUMWORD	32
thirty two	NUMWORD	32
thirty-three	NUMWORD	33
thirty three	NUMWORD	33
thirty-four	NUMWORD	34
thirty four	NUMWORD	34
thirty-five	NUMWORD	35
thirty five	NUMWORD	35
thirty-six	NUMWORD	36
thirty six	NUMWORD	36
thirty-seven	NUMWORD	37
thirty seven	NUMWORD	37
thirty-eight	NUMWORD	38
thirty eight	NUMWORD	38
thirty-nine	NUMWORD	39
thirty nine	NUMWORD	39
forty	NUMWORD	40
forty-one	NUMWORD	41
forty one	NUMWORD	41
forty-two	NUMWORD	42
forty two	NUMWORD	42
forty-three	NUMWORD	43
forty three	NUMWORD	43
forty-four	NUMWORD	44
forty four	NUMWORD	44
forty-five	NUMWORD	45
forty five	NUMWORD	45
forty-six	NUMWORD	46
forty six	NUMWORD	46
forty-seven	NUMWORD	47
forty seven	NUMWORD	47
forty-eight	NUMWORD	48
forty eight	NUMWORD	48
forty-nine	NUMWORD	49
forty nine	NUMWORD	49
fifty	NUMWORD	50
fifty-one	NUMWORD	51
fifty one	NUMWORD	51
fifty-two	NUMWORD	52
fifty two	NUMWORD	52
fifty-three	NUMWORD	53
fifty three	NUMWORD	53
fifty-four	NUMWORD	54
fifty four	NUMWORD	54
fifty-five	NUMWORD	55
fifty five	NUMWORD	55
fifty-six	NUMWORD	56
fifty six	NUMWORD	56
fifty-seven	NUMWORD	57
fifty seven	NUMWORD	57
fifty-eight	NUMWORD	58
fifty eight	NUMWORD	58
fifty-nine	NUMWORD	59
fifty nine	NUMWORD	59
sixty	NUMWORD	60
sixty-one	NUMWORD	61
sixty one	NUMWORD	61
sixty-two	NUMWORD	62
sixty two	NUMWORD	62
sixty-three	NUMWORD	63
sixty three	NUMWORD	63
sixty-four	NUMWORD	64
sixty four	NUMWORD	64
sixty-five	NUMWORD	65
sixty five	NUMWORD	65
sixty-six	NUMWORD	66
sixty six	NUMWORD	66
sixty-seven	NUMWORD	67
sixty seven	NUMWORD	67
sixty-eight	NUMWORD	68
sixty eight	NUMWORD	68
sixty-nine	NUMWORD	69
sixty nine	NUMWORD	69
seventy	NUMWORD	70
seventy-one	NUMWORD	71
seventy one	NUMWORD	71
seventy-two	NUMWORD	72
seventy two	NUMWORD	72
seventy-three	NUMWORD	73
seventy three	NUMWORD	73
seventy-four	NUMWORD	74
seventy four	NUMWORD	74
seventy-five	NUMWORD	75
seventy five	NUMWORD	75
seventy-six	NUMWORD	76
seventy six	NUMWORD	76
seventy-seven	NUMWORD	77
seventy seven	NUMWORD	77
seventy-eight	NUMWORD	78
seventy eight	NUMWORD	78
seventy-nine	NUMWORD	79
seventy nine	NUMWORD	79
eighty	NUMWORD	80
eighty-one	NUMWORD	81
eighty one	NUMWORD	81
eighty-two	NUMWORD	82
eighty two	NUMWORD	82
eighty-three	NUMWORD	83
eighty three	NUMWORD	83
eighty-four	NUMWORD	84
eighty four	NUMWORD	84
eighty-five	NUMWORD	85
eighty five	NUMWORD	85
eighty-six	NUMWORD	86
eighty six	NUMWORD	86
eighty-seven	NUMWORD	87
eighty seven	NUMWORD	87
eighty-eight	NUMWORD	88
eighty eight	NUMWORD	88
eighty-nine	NUMWORD	89
eighty nine	NUMWORD	89
ninety	NUMWORD	90
ninety-one	NUMWORD	91
ninety one	NUMWORD	91
ninety-two	NUMWORD	92
ninety two	NUMWORD	92
ninety-three	NUMWORD	93
ninety three	NUMWORD	93
ninety-four	NUMWORD	94
ninety four	NUMWORD	94
ninety-five	NUMWORD	95
ninety five	NUMWORD	95
ninety-six	NUMWORD	96
ninety six	NUMWORD	96
ninety-seven	NUMWORD	97
ninety seven	NUMWORD	97
ninety-eight	NUMWORD	98
ninety eight	NUMWORD	98
ninety-nine	NUMWORD	99
ninety nine	NUMWORD	99
a hundred	NUMWORD	100
one hundred	NUMWORD	100
hundred	NUMWORD	100
a thousand	NUMWORD	1000
thousand	NUMWORD	1000
dozen	NUMWORD	12
a dozen	NUMWORD	12
first	ORD	1
second	ORD	2
third	ORD	3
fourth	ORD	4
fifth	ORD	5
sixth	ORD	6
seventh	ORD	7
eighth	ORD	8
ninth	ORD	9
tenth	ORD	10
eleventh	ORD	11
twelfth	ORD	12
thirteenth	ORD	13
fourteenth	ORD	14
fifteenth	ORD	15
sixteenth	ORD	16
seventeenth	ORD	17
eighteenth	ORD	18
nineteenth	ORD	19
twentieth	ORD	20
twenty-first	ORD	21
twenty-second	ORD	22
thirtieth	ORD	30
thirty-first	ORD	31
a few	FEW	0
few	FEW	0
several	FEW	0
some	FEW	0
many	FEW	0
a couple of	FEW	2
a couple	FEW	2
couple of	FEW	2
a number of	FEW	0
the past few	FEW	0
recent	FEW	0
numerous	FEW	0
a fewer	FEW	0
a	A	1
an	A	1
one	A	1
