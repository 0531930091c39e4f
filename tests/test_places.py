"""Places: the county tree, the admin's pages and the CSV import."""
from __future__ import annotations

from portal.db import get_session
from portal.places.models import Place, PlaceKind
from portal.places.services import TOWNSHIPS
from tests.conftest import csrf_token, find_place


def test_county_has_its_eleven_townships_each_with_a_committee(app):
    with app.app_context():
        townships = get_session().query(Place).filter_by(kind=PlaceKind.TOWNSHIP).all()
        assert sorted(t.name for t in townships) == sorted(TOWNSHIPS)
        assert all(t.committee is not None for t in townships)
        assert find_place("测试村").township.name == "牙叉镇"


def test_import_places_good_file(app, tmp_path):
    csv_file = tmp_path / "villages.csv"
    csv_file.write_text("乡镇,村,类型\n七坊镇,七坊村,村委会\n邦溪镇,邦溪社区,居委会\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-places", str(csv_file)])
    assert result.exit_code == 0, result.output
    assert "Imported 2 places." in result.output
    with app.app_context():
        village = find_place("邦溪社区")
        assert (village.kind, village.parent.name) == (PlaceKind.COMMUNITY, "邦溪镇")
        assert village.committee.name == "邦溪社区人民调解委员会"
    again = app.test_cli_runner().invoke(args=["import-places", str(csv_file)])
    assert "Imported 0 places." in again.output


def test_import_places_bad_line_imports_nothing(app, tmp_path):
    csv_file = tmp_path / "villages.csv"
    csv_file.write_text("七坊镇,七坊村,村委会\n不存在镇,某村,村委会\n邦溪镇,邦溪村,生产队\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-places", str(csv_file)])
    assert result.exit_code != 0
    assert "line 2: unknown township “不存在镇”" in result.output
    assert "line 3: kind must be 村委会 or 居委会" in result.output
    with app.app_context():
        assert get_session().query(Place).filter_by(name="七坊村").count() == 0


def test_admin_adds_and_renames_a_village(client, app, login_as):
    login_as("admin")
    with app.app_context():
        township_id = find_place("细水乡").id
    token = csrf_token(client, "/admin/places/new")
    client.post("/admin/places/new", data={"township": township_id, "name": "细水村", "kind": "village",
                                           "csrf_token": token})
    with app.app_context():
        village_id = find_place("细水村").id
    html = client.get("/admin/places/").get_data(as_text=True)
    assert "细水村" in html
    client.post(f"/admin/places/{village_id}/rename", data={"name": "细水新村", "seen_name": "细水村",
                                                           "csrf_token": token})
    with app.app_context():
        renamed = get_session().get(Place, village_id)
        assert renamed.name == "细水新村"
        assert renamed.committee.name == "细水新村人民调解委员会"


def test_stale_rename_is_detected_not_overwritten(client, app, login_as):
    login_as("admin")
    with app.app_context():
        village_id = find_place("测试村").id
    token = csrf_token(client, "/admin/places/new")
    # Someone else renamed it after this admin opened the form (which showed "旧名").
    html = client.post(f"/admin/places/{village_id}/rename",
                       data={"name": "我的新名", "seen_name": "旧名", "csrf_token": token},
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Someone else renamed this place" in html
    assert 'value="我的新名"' in html
    with app.app_context():
        assert get_session().get(Place, village_id).name == "测试村"


def test_duplicate_village_name_is_refused_with_the_typed_value_kept(client, app, login_as):
    login_as("admin")
    with app.app_context():
        township_id = find_place("牙叉镇").id
    html = client.post("/admin/places/new", data={
        "township": township_id, "name": "测试村", "kind": "village",
        "csrf_token": csrf_token(client, "/admin/places/new")},
        headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "There is already a place with this name there." in html
    assert 'value="测试村"' in html
