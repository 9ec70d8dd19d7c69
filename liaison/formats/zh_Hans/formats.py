"""Simplified Chinese: only what differs from Django's own ``zh_Hans`` formats, which Django
still reads for everything else (dates, input formats).

Django groups Chinese numbers in fours with no separator, so an amount grouped for reading
came out as 869000.00. Chinese money is written in thousands with commas (财务 and 统计 practice,
and the seeds' "869,000 元"), the same as English. Grouping applies only where a page asks for
it (the ``money`` filter): ``USE_THOUSAND_SEPARATOR`` stays off, so years, case numbers, ids,
counts and form inputs are never grouped.
"""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
