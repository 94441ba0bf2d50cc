"""Officials from the province's directory: sign-in at /dang-nhap/ against a real OpenLDAP (slapd,
started on loopback by the test), with the directory's groups giving roles in agencies."""

from __future__ import annotations

import json

import pytest
from conftest import require_service

from motcua.accounts.models import User
from motcua.org.models import RoleAssignment
from motcua.testing import ldap as directory
from motcua.testing.pages import open_page, submit

pytestmark = pytest.mark.django_db

RECEIVERS = f"cn=mot-cua-so-tu-phap,{directory.GROUPS}"
LEADERS = f"cn=lanh-dao-so-tu-phap,{directory.GROUPS}"
OTHERS = f"cn=van-thu,{directory.GROUPS}"


def _people() -> str:
    def person(uid: str, name: str, password: str) -> str:
        surname = name.split()[0]
        return (
            f"dn: uid={uid},{directory.PEOPLE}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {name}\n"
            f"sn: {surname}\nmail: {uid}@stp.tinh.vn\nuserPassword: {password}\n\n"
        )

    def group(dn: str, *members: str) -> str:
        lines = "".join(f"member: uid={m},{directory.PEOPLE}\n" for m in members)
        return f"dn: {dn}\nobjectClass: groupOfNames\ncn: {dn.split(',')[0][3:]}\n{lines}\n"

    return (
        f"dn: {directory.SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Tinh\ndc: tinh\n\n"
        f"dn: {directory.PEOPLE}\nobjectClass: organizationalUnit\nou: people\n\n"
        f"dn: {directory.GROUPS}\nobjectClass: organizationalUnit\nou: groups\n\n"
        + person("lan.nt", "Nguyễn Thị Lan", "mat-khau-danh-ba")
        + person("hung.tv", "Trần Văn Hùng", "mat-khau-hung")
        + person("079123456789", "Lê Văn Trùng", "mat-khau-trung")
        + person("mai.pt", "Phạm Thị Mai", "mat-khau-mai")
        + group(RECEIVERS, "lan.nt", "079123456789")
        + group(LEADERS, "lan.nt", "mai.pt")
        + group(OTHERS, "hung.tv")
    )


@pytest.fixture(scope="module")
def slapd(tmp_path_factory):
    server = directory.Slapd.start(tmp_path_factory.mktemp("slapd"))
    require_service("slapd (OpenLDAP)", server is not None, "apt-get install slapd ldap-utils")
    try:
        server.load(_people())
        yield server
    finally:
        server.stop()


@pytest.fixture
def ldap_on(settings, slapd, world):
    settings.LDAP_URL = slapd.url
    settings.LDAP_BIND_DN = directory.ROOT_DN
    settings.LDAP_BIND_PASSWORD = directory.ROOT_PASSWORD
    settings.LDAP_USER_BASE = directory.PEOPLE
    settings.LDAP_GROUP_BASE = directory.GROUPS
    settings.LDAP_GROUPS = json.dumps(
        {
            RECEIVERS: {"agency": world.justice.code, "roles": ["receiver"]},
            LEADERS: {"agency": world.justice.code, "roles": ["leader", "processor"]},
        }
    )
    return slapd


def sign_in(client, username: str, password: str):
    page = open_page(client, "/dang-nhap/")
    return submit(client, page.form("Đăng nhập").fill(username=username, password=password))


def roles_of(username: str) -> set[tuple[str, str]]:
    return set(
        RoleAssignment.objects.filter(official__user__username=username).values_list("agency__code", "role")
    )


def test_an_official_signs_in_with_the_directory_password_and_gets_the_roles_of_their_groups(
    client, ldap_on, world
):
    page = sign_in(client, "lan.nt", "mat-khau-danh-ba")
    assert page.url == "/can-bo/"
    assert "Tiếp nhận, trả kết quả" in page.text  # the receiver's menu
    user = User.objects.get(username="lan.nt")
    assert (user.kind, user.full_name, user.email) == ("official", "Nguyễn Thị Lan", "lan.nt@stp.tinh.vn")
    assert not user.has_usable_password()  # the directory keeps the password
    code = world.justice.code
    assert roles_of("lan.nt") == {(code, "receiver"), (code, "leader"), (code, "processor")}


def test_a_wrong_directory_password_is_refused_and_creates_nothing(client, ldap_on):
    page = sign_in(client, "lan.nt", "sai-mat-khau")
    assert page.url.startswith("/dang-nhap/")
    assert "không đúng" in page.text
    assert not User.objects.filter(username="lan.nt").exists()


def test_roles_follow_the_groups_at_each_sign_in(client, ldap_on, world):
    sign_in(client, "lan.nt", "mat-khau-danh-ba")
    ldap_on.modify(
        f"dn: {LEADERS}\nchangetype: modify\ndelete: member\nmember: uid=lan.nt,{directory.PEOPLE}\n"
    )
    try:
        client.logout()
        assert sign_in(client, "lan.nt", "mat-khau-danh-ba").url == "/can-bo/"
        assert roles_of("lan.nt") == {(world.justice.code, "receiver")}
    finally:
        ldap_on.modify(
            f"dn: {LEADERS}\nchangetype: modify\nadd: member\nmember: uid=lan.nt,{directory.PEOPLE}\n"
        )


def test_a_directory_account_in_no_mapped_group_does_not_get_in(client, ldap_on):
    page = sign_in(client, "hung.tv", "mat-khau-hung")
    assert page.url.startswith("/dang-nhap/")
    assert not User.objects.filter(username="hung.tv").exists()


def test_a_citizens_account_with_the_same_name_is_never_taken_over(client, ldap_on):
    citizen = User.objects.create_user(username="079123456789", password="citizen-pass", kind="citizen")
    page = sign_in(client, "079123456789", "mat-khau-trung")
    assert page.url.startswith("/dang-nhap/")
    citizen.refresh_from_db()
    assert citizen.kind == "citizen" and citizen.check_password("citizen-pass")
    assert not RoleAssignment.objects.filter(official__user=citizen).exists()


def test_without_the_setting_the_directory_is_not_asked(client, slapd, settings):
    settings.LDAP_URL = ""
    page = sign_in(client, "lan.nt", "mat-khau-danh-ba")
    assert page.url.startswith("/dang-nhap/")
    assert not User.objects.filter(username="lan.nt").exists()
