"""Evidence uploads: judged by content not name, size-limited, stored outside static/, served only to the case."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import PASSWORD, log_in
from tests.disputes_support import case, file_case
from portal.auth.models import Role
from portal import uploads

pytestmark = pytest.mark.usefixtures("csrf_off")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(("data", "expected"), [
    (_png(), ("image/png", "png")),
    (PDF, ("application/pdf", "pdf")),
])
def test_sniff_accepts_real_photos_and_pdfs(data, expected):
    assert uploads.sniff(data) == expected


@pytest.mark.parametrize("data", [
    b"", b"MZ\x90\x00 a windows program", b"<script>alert(1)</script>", b"%PDF-1.4 but cut short",
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"GIF89a" + b"\x00" * 30,
])
def test_sniff_refuses_disguised_or_broken_files(data):
    with pytest.raises(uploads.ValidationFailed):
        uploads.sniff(data)


def test_sniff_refuses_oversized(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    with pytest.raises(uploads.ValidationFailed):
        uploads.sniff(PDF * 10)


def _upload(client, number, name, data):
    return client.post(f"/disputes/{number}/evidence", data={"files": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_upload_store_and_serve(app, client, make_user):
    resident = make_user(Role.RESIDENT)
    number = file_case(app, resident)
    log_in(client, resident.phone, PASSWORD)
    assert _upload(client, number, "wall.png", _png()).status_code == 302
    item = case(app, number).evidence[0]
    stored = Path(app.config["UPLOAD_DIR"]) / "evidence" / str(item.dispute_id) / item.stored_name
    assert stored.read_bytes() == _png()
    assert "static" not in stored.parts and item.stored_name != "wall.png"
    served = client.get(f"/disputes/{number}/evidence/{item.id}")
    assert served.status_code == 200 and served.mimetype == "image/png"
    served.close()
    client.post("/logout")
    stranger = make_user(Role.RESIDENT)
    log_in(client, stranger.phone, PASSWORD)
    assert client.get(f"/disputes/{number}/evidence/{item.id}").status_code == 404


def test_disguised_upload_is_refused_and_nothing_kept(app, client, make_user):
    resident = make_user(Role.RESIDENT)
    number = file_case(app, resident)
    log_in(client, resident.phone, PASSWORD)
    response = _upload(client, number, "photo.jpg", b"<html><script>alert(1)</script></html>")
    assert response.status_code == 400
    assert "JPEG" in response.get_data(as_text=True) or "PDF" in response.get_data(as_text=True)
    assert case(app, number).evidence == []


def test_filing_with_a_bad_file_files_nothing(app, client, login_as):
    login_as(Role.RESIDENT)
    html = client.get("/disputes/new/neighbour").get_data(as_text=True)
    import re
    village = re.search(r'<option value="(\d+)">测试村</option>', html).group(1)
    data = {"dispute_type": "neighbour", "facts": "狗咬人", "claims": "赔偿", "place_id": village, "language": "li",
            "privacy": "private", "source": "self_filed", "respondents-0-name": "王大哥",
            "files": (io.BytesIO(b"not an image"), "bite.jpg")}
    response = client.post("/disputes/new/neighbour", data=data, content_type="multipart/form-data")
    assert response.status_code == 200 and "狗咬人" in response.get_data(as_text=True)
    assert "BS-" not in client.get("/disputes/?show=all").get_data(as_text=True)
