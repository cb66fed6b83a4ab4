"""One error format (RFC 9457), in Chinese by default and English on request."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import User


def test_422_is_a_problem_document_in_chinese_by_default(client, db_session):
    before = db_session.scalar(select(func.count()).select_from(User))
    response = client.post("/api/v1/auth/signup", json={"password": "short", "display_name": ""})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["status"] == 422 and body["type"].endswith("unprocessable_entity")
    assert body["title"] == "输入无效"
    assert body["errors"]["password"] == ["长度必须在 8 到 128 之间。"]
    assert body["errors"]["display_name"] == ["长度必须在 1 到 64 之间。"]
    assert db_session.scalar(select(func.count()).select_from(User)) == before


def test_english_on_request(client):
    response = client.post(
        "/api/v1/auth/signup",
        json={"password": "short"},
        headers={"Accept-Language": "en-US,en;q=0.9"},
    )
    body = response.json
    assert body["title"] == "Invalid input"
    assert body["errors"]["display_name"] == ["Missing data for required field."]


def test_service_rule_errors_are_translated_too(client):
    response = client.post(
        "/api/v1/auth/signup",
        json={"phone": "12345", "password": "long-enough-1", "display_name": "x"},
    )
    assert response.status_code == 422
    assert response.json["errors"]["phone"] == ["不是有效的中国大陆手机号。"]
    en = client.post(
        "/api/v1/auth/signup",
        headers={"Accept-Language": "en"},
        json={"phone": "12345", "password": "long-enough-1", "display_name": "x"},
    )
    assert en.json["errors"]["phone"] == ["Not a valid mainland China mobile number."]
    # A rule only the service can check (does the region exist?) answers the same way.
    unknown_region = client.post(
        "/api/v1/auth/signup",
        json={
            "phone": "13812340000",
            "password": "long-enough-1",
            "display_name": "x",
            "region_code": "350582999999",
        },
    )
    assert unknown_region.status_code == 422
    assert unknown_region.json["errors"]["region_code"] == ["区划不存在。"]


def test_404_and_405_are_problems(client):
    missing = client.get("/api/v1/regions/999999")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert missing.json["title"] == "未找到"
    wrong_method = client.delete("/api/v1/regions/350582")
    assert wrong_method.status_code == 405
    assert wrong_method.mimetype == "application/problem+json"


def test_malformed_json_is_422_not_500(client):
    response = client.post(
        "/api/v1/auth/signin", data="{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code in (400, 422)
    assert response.mimetype == "application/problem+json"
