"""What is sent: one structured request per chunk covering every semantic field, with a safe prompt."""

from __future__ import annotations

import json

from pytest_forge import Forge
from tests.ai.conftest import API_KEY, Patient, Profile, Review


def test_one_request_covers_every_semantic_field_of_a_chunk(make_forge, llm_server):
    make_forge(batch_size=100).create_batch(Review, count=100)
    assert llm_server.count == 1


def test_records_are_split_into_chunks_of_batch_size(make_forge, llm_server):
    make_forge(batch_size=25).create_batch(Review, count=60)
    assert llm_server.count == 3


def test_semantic_values_come_from_the_llm(make_forge):
    reviews = make_forge().create_batch(Review, count=4)
    assert [r.body.split(":")[0] for r in reviews] == ["body 0", "body 1", "body 2", "body 3"]


def test_non_semantic_fields_keep_their_free_values(make_forge):
    reviews = make_forge().create_batch(Review, count=4)
    offline = Forge(7, use_ai=False).create_batch(Review, count=4)
    assert [(r.rating, r.title) for r in reviews] == [(r.rating, r.title) for r in offline]


def test_the_request_asks_for_json_records_by_schema(make_forge, llm_server):
    make_forge().create_batch(Review, count=3)
    schema = llm_server.requests[0]["response_format"]["json_schema"]["schema"]
    item = schema["properties"]["records"]["items"]
    assert (sorted(item["required"]), item["properties"]["body"]["maxLength"]) == (
        ["body", "i", "summary"],
        400,
    )


def test_the_prompt_carries_model_name_descriptions_and_context(make_forge, llm_server):
    make_forge().create_batch(Review, count=3, context="angry holiday customers")
    prompt = llm_server.user_messages()[0]
    assert all(
        part in prompt for part in ("Review records", "what the customer wrote", "angry holiday customers")
    )


def test_the_prompt_carries_the_domain_rules(make_forge, llm_server):
    forge = make_forge()
    forge._ai.rules_for = lambda plan: ["Refunds take at most 14 days"]
    forge.create_batch(Review, count=2)
    assert "- Refunds take at most 14 days" in llm_server.user_messages()[0]


def test_sibling_values_are_shown_for_coherence(make_forge, llm_server):
    reviews = make_forge().create_batch(Review, count=2)
    prompt = llm_server.user_messages()[0]
    assert json.dumps({"i": 0, "rating": reviews[0].rating, "title": reviews[0].title}) in prompt


def test_sensitive_fields_never_reach_the_prompt(make_forge, llm_server):
    patients = make_forge(allow_pii=True).create_batch(Patient, count=5)
    sent = json.dumps(llm_server.requests)
    leaked = [p.ssn for p in patients if p.ssn in sent] + [
        p.diagnosis for p in patients if p.diagnosis in sent
    ]
    assert (leaked, "ssn" in sent, "diagnosis" in sent) == ([], False, False)


def test_a_semantic_field_marked_sensitive_is_not_written_by_the_llm(make_forge, llm_server):
    patients = make_forge(allow_pii=True).create_batch(Patient, count=2)
    assert not patients[0].diagnosis.startswith("diagnosis 0:")


def test_an_overridden_semantic_field_is_not_asked_for(make_forge, llm_server):
    reviews = make_forge().create_batch(Review, count=2, body="Fine.")
    schema = llm_server.requests[0]["response_format"]["json_schema"]["schema"]
    assert ([r.body for r in reviews], "body" in schema["properties"]["records"]["items"]["properties"]) == (
        ["Fine.", "Fine."],
        False,
    )


def test_the_api_key_goes_only_in_the_authorization_header(make_forge, llm_server):
    make_forge().create_batch(Review, count=1)
    assert (llm_server.headers[0]["authorization"], API_KEY in json.dumps(llm_server.requests)) == (
        f"Bearer {API_KEY}",
        False,
    )


def test_a_model_without_semantic_fields_sends_nothing(make_forge, llm_server):
    from pydantic import BaseModel

    class Point(BaseModel):
        x: int
        y: int

    make_forge().create_batch(Point, count=10)
    assert llm_server.count == 0


def test_keys_and_foreign_keys_are_not_shown_as_siblings(make_forge, llm_server):
    from pydantic import BaseModel

    class Order(BaseModel):
        id: int
        customer_id: int
        status: str
        description: str

    make_forge().create_batch(Order, count=2)
    prompt = llm_server.user_messages()[0]
    assert ('"customer_id"' in prompt, '"id"' in prompt, '"status"' in prompt) == (False, False, True)


def test_explain_names_the_llm_as_the_source_of_the_text_it_wrote(make_forge):
    forge = make_forge()
    review = forge.create(Review)
    origin = forge.explain(review)["body"]
    assert origin.tier == "semantic"
    assert origin.source.startswith("ai.")
    assert forge.explain(review)["rating"].source != origin.source


def test_the_prompt_carries_each_records_persona_and_tone(make_forge, llm_server):
    """The offline fields and the LLM text describe one person (issue 13): name, job and city, and a
    review's tone from its rating, go into the prompt for each record."""
    profiles = make_forge().create_batch(Profile, count=3)
    make_forge().create_batch(Review, count=3, rating=1)
    prompts = llm_server.user_messages()
    facts = [json.loads(line) for line in prompts[0].splitlines() if line.startswith('{"about": ')]
    assert [f["about"] for f in facts] == [0, 1, 2]
    for fact, profile in zip(facts, profiles, strict=True):
        assert fact["person"] == f"{profile.first_name} {profile.last_name}"
        assert {"job", "city", "gender"} <= set(fact)
    tones = [json.loads(line)["tone"] for line in prompts[1].splitlines() if line.startswith('{"about": ')]
    assert tones == ["negative"] * 3
