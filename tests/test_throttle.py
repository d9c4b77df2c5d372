"""The per-client throttle of wrong guesses (password, units' links)."""

from pipeline.web.throttle import Throttle


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_free_failures_cost_nothing_then_the_delay_doubles_up_to_its_cap():
    clock = Clock()
    t = Throttle(free=3, limit=10, window=60, base=0.5, max_delay=4, clock=clock)
    delays = []
    for _ in range(8):
        delays.append(t.delay("a"))
        t.failed("a")
    assert delays == [0, 0, 0, 0.5, 1, 2, 4, 4]


def test_one_client_never_slows_another_and_a_success_clears_it():
    clock = Clock()
    t = Throttle(free=1, limit=3, window=60, clock=clock)
    for _ in range(3):
        t.failed("a")
    assert t.blocked("a") and not t.blocked("b") and t.delay("b") == 0
    t.succeeded("a")
    assert not t.blocked("a") and t.delay("a") == 0


def test_the_window_forgets_old_failures():
    clock = Clock()
    t = Throttle(free=0, limit=2, window=60, clock=clock)
    t.failed("a")
    t.failed("a")
    assert t.blocked("a") and 1 <= t.retry_after("a") <= 61
    clock.now += 61
    assert not t.blocked("a") and t.failures("a") == 0


def test_the_table_of_clients_is_bounded():
    clock = Clock()
    t = Throttle(max_clients=5, clock=clock)
    for i in range(50):
        clock.now += 1
        t.failed(f"10.0.0.{i}")
    assert len(t._failures) <= 5
