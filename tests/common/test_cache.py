from types import SimpleNamespace

from common.cache import forget, per_user


def test_a_fact_is_computed_once_per_user_object_until_forgotten():
    user, asked = SimpleNamespace(), []

    def compute():
        asked.append(1)
        return {1, 2}

    assert per_user(user, "authored", compute) == {1, 2}
    assert per_user(user, "authored", compute) == {1, 2}
    assert len(asked) == 1
    assert per_user(SimpleNamespace(), "authored", compute) == {1, 2}
    assert len(asked) == 2
    forget(user)
    per_user(user, "authored", compute)
    assert len(asked) == 3
