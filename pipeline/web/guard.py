"""The guard in front of every page: the Host allowlist, the size limit, same-origin forms
and (when set) a password slowed per client."""

import asyncio
import base64
import hmac


from . import requestguard
from .throttle import Throttle
from .site import MAX_UPLOAD


# --------------------------------------------------------------------------- guards


class Guard:
    """Host allowlist, size limit, same-origin forms and (when set) a password slowed per
    client, around the whole app (pipeline/web/requestguard.py). Without a `policy` (an
    app made for tests) any Host is answered and the Origin must name the Host."""

    def __init__(
        self,
        app,
        password: str | None,
        limit: int = MAX_UPLOAD,
        policy: requestguard.Policy | None = None,
        throttle: Throttle | None = None,
    ):
        self.app, self.password, self.limit = app, password, limit
        self.policy, self.throttle = policy, throttle or Throttle()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        seen = (self.policy or requestguard.Policy(set(), set())).forwarded(scope, headers)
        if self.policy is not None and not self.policy.host_allowed(seen["host"]):
            return await _plain(
                send,
                400,
                "Trang này chỉ mở bằng địa chỉ của máy chủ (tên máy "
                "lạ trong yêu cầu). Người quản trị có thể thêm tên "
                f"vào biến môi trường {requestguard.HOSTS_VARIABLE}.",
            )
        if self.password is not None and not await self._password(seen["client"], headers, send):
            return
        if scope["method"] == "POST":
            origin = headers.get("origin")
            if origin and not (
                self.policy.origin_allowed(origin)
                if self.policy
                else requestguard.same_origin(origin, seen["scheme"], seen["host"])
            ):
                return await _plain(send, 403, "Biểu mẫu phải được gửi từ chính trang này.")
            length = headers.get("content-length")
            if length and length.isdigit() and int(length) > self.limit:
                return await _plain(send, 413, self._too_large())
            # The body is read here, up to the limit, then handed on: a larger one is
            # refused before any of it reaches the form parser.
            body, more = [], True
            received = 0
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the browser went away
                body.append(message.get("body", b""))
                received += len(body[-1])
                more = message.get("more_body", False)
                if received > self.limit:
                    return await _plain(send, 413, self._too_large())
            data = b"".join(body)
            replayed = False

            async def replay():
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": data, "more_body": False}
                return await receive()

            return await self.app(scope, replay, send)
        await self.app(scope, receive, send)

    def _too_large(self) -> str:
        return (
            f"Tệp tải lên quá lớn: mỗi lần tối đa {self.limit // (1024 * 1024)} MB. "
            "Hãy tải ảnh lên làm nhiều lần hoặc giảm cỡ ảnh."
        )

    async def _password(self, client: str, headers: dict[str, str], send) -> bool:
        """Whether the request carries the password; else answered here (401, or 429 for a
        client with too many wrong guesses). Each client's guesses are slowed on their own."""
        if self.throttle.blocked(client):
            wait = self.throttle.retry_after(client)
            await _plain(
                send,
                429,
                f"Nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau {wait} giây.",
                [(b"retry-after", str(wait).encode())],
            )
            return False
        header = headers.get("authorization", "")
        if header:  # a guess (the browser's first visit carries none): slowed, then checked
            delay = self.throttle.delay(client)
            if delay:
                await asyncio.sleep(delay)
            if self._authorised(header):
                self.throttle.succeeded(client)
                return True
            self.throttle.failed(client)
        await _plain(
            send,
            401,
            "Cần mật khẩu để mở trang này.",
            [(b"www-authenticate", b'Basic realm="vanban", charset="UTF-8"')],
        )
        return False

    def _authorised(self, header: str) -> bool:
        if not header.lower().startswith("basic "):
            return False
        try:
            _, _, given = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(given.encode("utf-8"), self.password.encode("utf-8"))


async def _plain(send, code: int, text: str, extra: list | None = None) -> None:
    body = (
        f'<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><title>Lỗi {code}</title>'
        f'<p>{text}</p><p><a href="/">Về trang đầu</a></p></html>'
    ).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": code,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *(extra or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
