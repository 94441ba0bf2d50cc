"""Demo dossiers: applicants and dossiers in every status, driven through the real services
with times in the past, so histories, deadlines, pauses and lateness are all genuine."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from motcua.accounts.identity import compose_personal_id
from motcua.accounts.models import User
from motcua.catalogue.models import Procedure
from motcua.core.calendar import MINUTES_PER_DAY, working_calendar
from motcua.demo.businesses import demo_code
from motcua.demo.forms import sample_form_data
from motcua.demo.organisation import DEMO_PASSWORD, FAMILY, GIVEN, MIDDLE_FEMALE, MIDDLE_MALE, Organisation
from motcua.dossiers import services
from motcua.dossiers.states import Status
from motcua.org.models import AgencyKind

# Share of each status per 1,000 dossiers (a province's mix: most returned, a good share in progress).
STATUS_MIX = {
    Status.DRAFT: 40,
    Status.SUBMITTED: 80,
    Status.RECEIVED: 60,
    Status.PROCESSING: 220,
    Status.SUPPLEMENT_REQUESTED: 50,
    Status.AWAITING_PAYMENT: 30,
    Status.RESULT_READY: 70,
    Status.RETURNED: 350,
    Status.REJECTED: 30,
    Status.REFUSED: 20,
    Status.WITHDRAWN: 50,
}
# How each status is reached from a submitted dossier (the tests drive dossiers the same way).
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [],
    Status.RECEIVED: ["receive"],
    Status.PROCESSING: ["receive", "start_processing"],
    Status.SUPPLEMENT_REQUESTED: ["receive", "start_processing", "request_supplement"],
    Status.AWAITING_PAYMENT: ["receive", "start_processing", "request_payment"],
    Status.RESULT_READY: ["receive", "start_processing", "approve"],
    Status.RETURNED: ["receive", "start_processing", "approve", "return_result"],
    Status.REJECTED: ["reject"],
    Status.REFUSED: ["receive", "start_processing", "refuse"],
    Status.WITHDRAWN: ["withdraw"],
}
ONLINE_ONLY = {Status.DRAFT, Status.SUBMITTED, Status.REJECTED, Status.WITHDRAWN}
MISSING = [
    "Bản sao giấy tờ tùy thân còn hiệu lực",
    "Ảnh chụp rõ nét trang 2 của giấy tờ",
    "Chữ ký của người nộp",
]
REJECT_REASONS = ["Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan", "Giấy tờ kèm theo không đọc được"]
REFUSE_REASONS = ["Không đủ điều kiện theo quy định", "Thông tin kê khai không trùng khớp cơ sở dữ liệu"]


def status_counts(total: int) -> dict[str, int]:
    counts = {status: max(1, round(total * share / 1000)) for status, share in STATUS_MIX.items()}
    counts[Status.RETURNED] += total - sum(counts.values())
    return counts


def create_applicants(rng, *, citizens: int, businesses: int) -> list[User]:
    password = make_password(DEMO_PASSWORD)
    users = []
    for n in range(citizens):
        male = rng.random() < 0.5
        birth = date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
        number = compose_personal_id(
            birth_year=birth.year, male=male, province="042", serial=100_000 + n * 37
        )
        name = (
            f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)} {rng.choice(GIVEN)}"
        )
        users.append(
            User(
                username=number,
                personal_id=number,
                kind=User.Kind.CITIZEN,
                full_name=name,
                birth_date=birth,
                is_male=male,
                phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                email=f"congdan{n}@example.vn",
                password=password,
            )
        )
    for n in range(businesses):
        tax_code = demo_code(n)
        users.append(
            User(
                username=tax_code,
                tax_code=tax_code,
                kind=User.Kind.BUSINESS,
                full_name=f"Công ty TNHH {rng.choice(['Thành', 'Hưng', 'Phát', 'An', 'Hồng'])} {rng.choice(GIVEN)} Hà Tĩnh",
                phone=f"0239{rng.randint(100_000, 999_999)}",
                email=f"doanhnghiep{n}@example.vn",
                password=password,
            )
        )
    User.objects.bulk_create(users)
    return list(User.objects.filter(kind__in=[User.Kind.CITIZEN, User.Kind.BUSINESS]))


class DossierMaker:
    def __init__(self, org: Organisation, rng, now: datetime):
        self.org, self.rng, self.now = org, rng, now
        self.calendar = working_calendar()
        self.procedures = list(
            Procedure.objects.filter(is_active=True).prefetch_related("agencies", "documents")
        )
        self.online = [p for p in self.procedures if p.accepts_online]

    def _budget(self, procedure) -> int:
        return procedure.processing_time.minutes if procedure.processing_time else 3 * MINUTES_PER_DAY

    def _agencies(self, procedure):
        """(receiving agency for a walk-in, competent agency) for a procedure."""
        candidates = list(procedure.agencies.all())
        competent = self.rng.choice(candidates)
        if competent.kind == AgencyKind.COMMUNE_COMMITTEE:
            receiving = competent if self.rng.random() < 0.9 else self.rng.choice(self.org.communes)
        else:
            receiving = competent if self.rng.random() < 0.85 else self.org.centre
        return receiving, competent

    def _actor(self, transition: str, dossier, applicant):
        if transition in ("submit", "supplement", "withdraw"):
            return applicant
        if transition in ("receive", "reject", "return_result"):
            return self.rng.choice(self.org.staff[dossier.receiving_agency_id].receivers).user
        team = self.org.staff[dossier.competent_agency_id]
        if transition in ("approve", "refuse"):
            return self.rng.choice(team.leaders).user
        return self.rng.choice(team.processors).user

    def _gaps(self, status: str, budget: int) -> list[int]:
        """Working minutes between the steps of the path (first: submission → first step)."""
        gaps = []
        for transition in PATHS[status]:
            if transition == "receive":
                gaps.append(self.rng.randint(15, 300))
            elif transition in ("approve", "refuse"):
                late = self.rng.random() < 0.06
                gaps.append(
                    int(budget * (self.rng.uniform(1.05, 1.6) if late else self.rng.uniform(0.2, 0.9)))
                )
            elif transition == "return_result":
                gaps.append(self.rng.randint(30, 3 * MINUTES_PER_DAY))
            else:
                gaps.append(self.rng.randint(10, 240))
        # Time from the last step to now: open dossiers sit for a while, some past their date.
        if status in (Status.PROCESSING, Status.RECEIVED):
            tail = int(budget * self.rng.uniform(0.05, 1.1))
        elif status in (Status.DRAFT, Status.SUBMITTED):
            tail = self.rng.randint(10, 2 * MINUTES_PER_DAY)
        else:
            tail = self.rng.randint(30, 20 * MINUTES_PER_DAY)
        return gaps + [tail]

    def _start(self, total_minutes: int) -> datetime:
        days = total_minutes / MINUTES_PER_DAY * 1.45 + 1
        start = self.now - timedelta(days=days)
        while self.calendar.add_working_minutes(start, total_minutes) > self.now:
            start -= timedelta(days=1)
        return start

    def make(self, status: str, applicant) -> None:
        online = status in ONLINE_ONLY or (self.rng.random() < 0.6)
        procedure = self.rng.choice(self.online if online else self.procedures)
        if online and not procedure.accepts_online:
            online = False
        receiving, competent = self._agencies(procedure)
        budget = self._budget(procedure)
        gaps = self._gaps(status, budget)
        at = self._start(sum(gaps) + 60)
        form = sample_form_data(procedure.form_schema)
        if online:
            dossier = services.file_dossier(
                applicant=applicant,
                procedure=procedure,
                form_data=form,
                competent_agency=competent,
                submit=status != Status.DRAFT,
                at=at,
            )
        else:
            receiver = self.rng.choice(self.org.staff[receiving.id].receivers)
            dossier = services.receive_at_counter(
                official=receiver,
                agency=receiving,
                applicant=applicant,
                procedure=procedure,
                form_data=form,
                documents_received=[d.id for d in procedure.documents.all() if d.mandatory],
                competent_agency=competent,
                at=at,
            )
        path = PATHS[status] if online else [t for t in PATHS[status] if t != "receive"]
        gaps = gaps if online else gaps[1:]
        for transition, gap in zip(path, gaps, strict=False):
            at = self.calendar.add_working_minutes(at, gap)
            if transition == "approve" and self.rng.random() < 0.12:
                # Some dossiers needed a supplement on the way.
                dossier = services.request_supplement(
                    dossier=dossier,
                    by=self._actor("request_supplement", dossier, applicant),
                    reason="Đề nghị bổ sung giấy tờ",
                    missing=[self.rng.choice(MISSING)],
                    at=at - timedelta(minutes=30),
                )
                dossier = services.supplement(
                    dossier=dossier, by=applicant, note="Đã bổ sung", at=at - timedelta(minutes=10)
                )
            dossier = self._perform(transition, dossier, applicant, at)
        if status == Status.PROCESSING and dossier.is_overdue(self.now) and self.rng.random() < 0.5:
            leader = self.rng.choice(self.org.staff[dossier.competent_agency_id].leaders)
            new_day = self.calendar.next_working_day(max(dossier.due_at, self.now).date() + timedelta(days=2))
            services.apologize(
                dossier=dossier,
                by=leader.user,
                new_due_at=new_day,
                reason="Hồ sơ cần xác minh thêm tại cơ sở",
                at=self.now - timedelta(minutes=5),
            )

    def _perform(self, transition: str, dossier, applicant, at):
        by = self._actor(transition, dossier, applicant)
        if transition == "receive":
            return services.receive(dossier=dossier, by=by, at=at)
        if transition == "start_processing":
            return services.start_processing(dossier=dossier, by=by, at=at)
        if transition == "request_supplement":
            return services.request_supplement(
                dossier=dossier, by=by, reason="Hồ sơ chưa đầy đủ", missing=[self.rng.choice(MISSING)], at=at
            )
        if transition == "request_payment":
            amount = sum(f.amount for f in dossier.procedure.fees.all()) or 50_000
            return services.request_payment(dossier=dossier, by=by, amount=amount, at=at)
        if transition == "approve":
            return services.approve(dossier=dossier, by=by, at=at)
        if transition == "refuse":
            return services.refuse(dossier=dossier, by=by, reason=self.rng.choice(REFUSE_REASONS), at=at)
        if transition == "return_result":
            return services.return_result(dossier=dossier, by=by, at=at)
        if transition == "reject":
            return services.reject(dossier=dossier, by=by, reason=self.rng.choice(REJECT_REASONS), at=at)
        if transition == "withdraw":
            return services.withdraw(dossier=dossier, by=by, reason="Không còn nhu cầu", at=at)
        raise ValueError(transition)


def create_dossiers(org: Organisation, rng, *, total: int, applicants: list[User]) -> dict[str, int]:
    maker = DossierMaker(org, rng, timezone.now())
    counts = status_counts(total)
    plan = [status for status, n in counts.items() for _ in range(n)]
    rng.shuffle(plan)
    for status in plan:
        maker.make(status, rng.choice(applicants))
    return counts
