"""What people not entitled to a private person's identity see of it: 张** and 139****0000.

One place, so every mechanism that holds the names of private persons (a case's parties, a
petitioner) masks them alike.
"""


def mask_name(name: str) -> str:
    """All but the first character hidden, as ``User.masked_name`` does: 张三丰 → 张**."""
    name = (name or "").strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def mask_mobile(mobile: str) -> str:
    """The first three and last four digits: 139****0000."""
    mobile = (mobile or "").strip()
    return f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) == 11 else ("*" * len(mobile))


def mask_id_number(number: str) -> str:
    """The first three and last four characters of a resident ID: 150***********0012."""
    number = (number or "").strip()
    return (
        f"{number[:3]}{'*' * (len(number) - 7)}{number[-4:]}"
        if len(number) > 7
        else ("*" * len(number))
    )
