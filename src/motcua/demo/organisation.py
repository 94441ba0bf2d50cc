"""The demo province's organisation: units from ``vietnam-provinces``, agencies, counters, officials.

Agency codes follow the shape of the electronic identifier codes of Decision
20/2020/QĐ-TTg (``000.00.NN.HPP``) but are illustrative: the real ones are
assigned by the province and must be entered by its administrator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.utils.text import slugify
from vietnam_provinces import Province, ProvinceCode, Ward

from motcua.accounts.models import User
from motcua.org.models import AdministrativeUnit, Agency, AgencyKind, Counter, Official, Role, RoleAssignment

DEMO_PASSWORD = "motcua-demo"
ADMIN_USERNAME = "admin"

# key, name, short name, number in the agency code
DEPARTMENTS = [
    ("so-noi-vu", "Sở Nội vụ", "SNV", 1),
    ("so-tai-chinh", "Sở Tài chính", "STC", 2),
    ("so-tu-phap", "Sở Tư pháp", "STP", 12),
    ("so-xay-dung", "Sở Xây dựng", "SXD", 15),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường", "SNNMT", 16),
    ("so-giao-duc", "Sở Giáo dục và Đào tạo", "SGDĐT", 18),
    ("so-y-te", "Sở Y tế", "SYT", 20),
    ("so-cong-thuong", "Sở Công Thương", "SCT", 21),
    ("so-van-hoa", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", 22),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ", "SKHCN", 23),
    ("cong-an-tinh", "Công an tỉnh", "CAT", 40),
]
LAND_OFFICE = ("van-phong-dang-ky-dat-dai", "Văn phòng Đăng ký đất đai", "VPĐKĐĐ", 16)
# The working hours of the calendar (core.calendar.WORK_PERIODS), as a counter's door shows them.
OPENING_HOURS = "Sáng 7h30–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ, Tết)"
HOTLINE = "0239 3 888 888"  # illustrative: the province's one-stop-shop hotline

GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngọc",
    "Phong",
    "Phương",
    "Quân",
    "Quỳnh",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thành",
    "Thủy",
    "Trang",
    "Trung",
    "Tuấn",
    "Vân",
    "Việt",
    "Yến",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Đình", "Công", "Xuân"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thu", "Ngọc", "Thanh", "Thùy", "Hồng", "Minh"]
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]


@dataclass
class Staff:
    receivers: list[Official] = field(default_factory=list)
    processors: list[Official] = field(default_factory=list)
    leaders: list[Official] = field(default_factory=list)


@dataclass
class Organisation:
    province: AdministrativeUnit
    committee: Agency
    centre: Agency
    departments: dict[str, Agency]
    communes: list[Agency]
    staff: dict[int, Staff]  # by agency id
    admin: User


def agency_code(number: int, province_code: int, *, level2: int = 0) -> str:
    return f"000.{level2:02d}.{number:02d}.H{province_code:02d}"


class _People:
    """Officials with a shared demo password (hashed once: hashing is deliberately slow)."""

    def __init__(self, rng):
        self.rng = rng
        self.password = make_password(DEMO_PASSWORD)
        self.count = 0

    def name(self, male: bool | None = None) -> tuple[str, bool]:
        male = self.rng.random() < 0.5 if male is None else male
        middle = self.rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)
        return f"{self.rng.choice(FAMILY)} {middle} {self.rng.choice(GIVEN)}", male

    def official(self, username: str, title: str, roles: list[tuple[Agency, str]], counter=None) -> Official:
        full_name, _male = self.name()
        user = User.objects.create(
            username=username,
            password=self.password,
            full_name=full_name,
            kind=User.Kind.OFFICIAL,
            is_staff=True,
            email=f"{username}@demo.motcua.vn",
        )
        official = Official.objects.create(user=user, title=title, counter=counter)
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(official=official, agency=agency, role=role) for agency, role in roles]
        )
        self.count += 1
        return official


# What the provincial administrator maintains in the admin site (DESIGN.md: units, officials, the
# catalogue, processes, fees, templates, search words, the calendar, webhooks).
ADMINISTERED = [
    ("org", None),
    ("catalogue", None),
    ("search", None),
    ("core", "calendarexception"),
    ("signing", "resulttemplate"),
    ("integration", "webhooksubscription"),
    ("integration", "delivery"),
]


def _provincial_administrators() -> Group:
    group, _created = Group.objects.get_or_create(name="Quản trị tỉnh")
    for app_label, model in ADMINISTERED:
        permissions = Permission.objects.filter(content_type__app_label=app_label)
        if model:
            permissions = permissions.filter(content_type__model=model)
        group.permissions.add(*permissions)
    return group


def build_organisation(province_code: int, rng) -> Organisation:
    source = Province.from_code(ProvinceCode(province_code))
    province = AdministrativeUnit.objects.create(
        code=f"{province_code:02d}",
        name=source.name,
        level="province",
        division_type=source.division_type.value,
    )
    wards = sorted(Ward.iter_by_province(ProvinceCode(province_code)), key=lambda w: w.code.value)
    units = AdministrativeUnit.objects.bulk_create(
        [
            AdministrativeUnit(
                code=f"{w.code.value:05d}",
                name=w.name,
                level="commune",
                division_type=w.division_type.value,
                parent=province,
            )
            for w in wards
        ]
    )
    short = source.name.replace("Thành phố ", "")
    committee = Agency.objects.create(
        code=agency_code(0, province_code),
        name=f"Ủy ban nhân dân tỉnh {short}",
        short_name="UBND tỉnh",
        kind=AgencyKind.PROVINCE_COMMITTEE,
        unit=province,
    )
    centre = Agency.objects.create(
        code=agency_code(31, province_code),
        name=f"Trung tâm Phục vụ hành chính công tỉnh {short}",
        short_name="TTPVHCC",
        kind=AgencyKind.SERVICE_CENTRE,
        unit=province,
        parent=committee,
        address=f"Trung tâm Phục vụ hành chính công, tỉnh {short}",
        opening_hours=OPENING_HOURS,
        hotline=HOTLINE,
        phone="0239 3 888 999",
    )
    departments = {}
    for key, name, short_name, number in DEPARTMENTS:
        departments[key] = Agency.objects.create(
            code=agency_code(number, province_code),
            name=name,
            short_name=short_name,
            kind=AgencyKind.DEPARTMENT,
            unit=province,
            parent=committee,
        )
    key, name, short_name, number = LAND_OFFICE
    departments[key] = Agency.objects.create(
        code=agency_code(number, province_code, level2=1),
        name=f"{name} tỉnh {short}",
        short_name=short_name,
        kind=AgencyKind.BRANCH,
        unit=province,
        parent=departments["so-nong-nghiep-moi-truong"],
    )
    communes = [
        Agency.objects.create(
            code=agency_code(i % 100, province_code, level2=50 + i // 100),
            name=f"Ủy ban nhân dân {unit.name}",
            short_name=f"UBND {unit.name}",
            kind=AgencyKind.COMMUNE_COMMITTEE,
            unit=unit,
            parent=committee,
            address=f"Bộ phận một cửa, trụ sở Ủy ban nhân dân {unit.name}, tỉnh {short}",
            opening_hours=OPENING_HOURS,
            hotline=HOTLINE,
        )
        for i, unit in enumerate(units)
    ]

    people = _People(rng)
    staff: dict[int, Staff] = {}
    admin_user = User.objects.create(
        username=ADMIN_USERNAME,
        password=people.password,
        full_name="Quản trị hệ thống",
        kind=User.Kind.OFFICIAL,
        is_staff=True,
        is_superuser=True,
    )
    provincial_admin = people.official("quantri.tinh", "Quản trị Trung tâm PVHCC", [(committee, Role.ADMIN)])
    provincial_admin.user.groups.add(_provincial_administrators())
    centre_staff = staff.setdefault(centre.id, Staff())
    centre_staff.leaders.append(
        people.official("giamdoc.ttpvhcc", "Giám đốc Trung tâm", [(centre, Role.LEADER)])
    )
    for number, (key, agency) in enumerate(departments.items(), start=1):
        counter = Counter.objects.create(agency=centre, number=number, name=f"Quầy {agency.name}")
        counter.serves.add(agency)
        team = staff.setdefault(agency.id, Staff())
        team.receivers.append(
            people.official(
                f"{key}.tiepnhan", "Công chức tiếp nhận", [(agency, Role.RECEIVER)], counter=counter
            )
        )
        for n in (1, 2):
            team.processors.append(
                people.official(f"{key}.chuyenvien{n}", "Chuyên viên", [(agency, Role.PROCESSOR)])
            )
        team.leaders.append(people.official(f"{key}.lanhdao", "Phó Giám đốc", [(agency, Role.LEADER)]))
    general = Counter.objects.create(
        agency=centre, number=len(departments) + 1, name="Quầy tiếp nhận chung (phi địa giới)"
    )
    centre_staff.receivers.append(
        people.official("ttpvhcc.tiepnhan", "Công chức tiếp nhận", [(centre, Role.RECEIVER)], counter=general)
    )
    for agency in communes:
        slug = slugify(agency.unit.name.replace("đ", "d").replace("Đ", "D")).replace("-", "")
        counter = Counter.objects.create(agency=agency, number=1, name="Bộ phận một cửa")
        team = staff.setdefault(agency.id, Staff())
        team.receivers.append(
            people.official(
                f"{slug}.tiepnhan", "Công chức một cửa", [(agency, Role.RECEIVER)], counter=counter
            )
        )
        team.processors.append(
            people.official(f"{slug}.tuphap", "Công chức Tư pháp – Hộ tịch", [(agency, Role.PROCESSOR)])
        )
        team.leaders.append(people.official(f"{slug}.chutich", "Phó Chủ tịch UBND", [(agency, Role.LEADER)]))
    return Organisation(province, committee, centre, departments, communes, staff, admin_user)
