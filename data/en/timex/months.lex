# Month names and abbreviations; value = month number 1..12.
# Format: phrase<TAB>CLASS<TAB>value (tab separated; phrase lowercase unless it must
# be capitalised in the text; several lines may give one phrase several classes).
january	MONTH	1
jan.	MONTH	1
february	MONTH	2
feb.	MONTH	2
March	MONTH	3
Mar.	MONTH	3
april	MONTH	4
apr.	MONTH	4
May	MONTH	5
june	MONTH	6
jun.	MONTH	6
july	MONTH	7
jul.	MONTH	7
august	MONTH	8
aug.	MONTH	8
september	MONTH	9
sep.	MONTH	9
sept.	MONTH	9
october	MONTH	10
oct.	MONTH	10
november	MONTH	11
nov.	MONTH	11
december	MONTH	12
dec.	MONTH	12
