"""A small Hub-like HTTP server for tests and benchmarks: the only fake the Hub tests use.

It serves what the real huggingface_hub client calls: repository info, model listings (with
``Link`` pagination), file HEAD/GET on ``/resolve/`` (with ``Range``), the ``tree`` and
``paths-info`` listings that ``HfFileSystem`` reads, YAML validation (answers set by ``judge``),
preupload and the NDJSON
commit endpoint. Private repositories answer 401 ``RepoNotFound`` and gated ones 403
``GatedRepo`` unless the request carries the server's token, as the real Hub does. Faults (a
status, ``Retry-After``, a delay) are injected per method and path, and every request is logged.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

PAGE_SIZE = 50
PLURAL = {"model": "models", "dataset": "datasets", "space": "spaces"}
PREFIX = {"model": "", "dataset": "datasets/", "space": "spaces/"}


def git_oid(data: bytes) -> str:
    """The git blob id of ``data`` (what the Hub sends as a regular file's ETag)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class FakeRepo:
    """One repository: branches of files, its visibility and its tags."""

    repo_id: str
    files: dict[str, bytes]
    repo_type: str = "model"
    private: bool = False
    gated: bool = False
    tags: list[str] = field(default_factory=list)
    branches: dict[str, dict[str, bytes]] = field(default_factory=dict)  # other than main
    commits: dict[str, dict[str, bytes]] = field(default_factory=dict)  # sha -> files

    def __post_init__(self) -> None:
        self.refs: dict[str, str] = {}
        self.set_branch("main", self.files)
        for name, files in self.branches.items():
            self.set_branch(name, files)

    def set_branch(self, name: str, files: dict[str, bytes]) -> str:
        digest = hashlib.sha1(
            repr((self.repo_id, name, sorted(files.items()))).encode()
        ).hexdigest()
        self.commits[digest] = dict(files)
        self.refs[name] = digest
        return digest

    def resolve(self, revision: str) -> str | None:
        """The commit a branch, tag or commit id points at."""
        return revision if revision in self.commits else self.refs.get(revision)


@dataclass
class Fault:
    """Answer ``status`` (or answer normally after ``delay``) to the next ``times`` matching requests."""

    method: str
    path_contains: str
    status: int | None = None
    times: int = 1
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Verdict:
    """How the validation endpoint answers a card whose content contains ``marker`` ("": any card):
    400 with ``errors`` when there are any, else 200; ``warnings`` either way."""

    marker: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""


class FakeHub:
    """Start with ``with FakeHub() as hub:``; point ``HF_ENDPOINT`` at ``hub.url``."""

    def __init__(self, token: str = "hf_fakehubvalidtoken", latency: float = 0.0) -> None:
        self.token = token
        self.latency = latency
        self.repos: dict[tuple[str, str], FakeRepo] = {}
        self.faults: list[Fault] = []
        self.requests: list[Received] = []
        self.commits: list[dict[str, Any]] = []
        self.verdicts: list[Verdict] = []  # the first whose marker the card contains answers
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def add(self, repo: FakeRepo) -> FakeRepo:
        self.repos[(repo.repo_type, repo.repo_id)] = repo
        return repo

    def judge(self, verdict: Verdict) -> None:
        """Answer ``/api/validate-yaml`` for the cards ``verdict`` matches (else 200, nothing to say)."""
        self.verdicts.append(verdict)

    def validations(self) -> list[dict[str, Any]]:
        """The bodies posted to ``/api/validate-yaml``, in order."""
        return [json.loads(r.body) for r in self.requests if r.path == "/api/validate-yaml"]

    def inject(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    def count(self, method: str, path_contains: str) -> int:
        """How many requests matched ``method`` and contained ``path_contains``."""
        return sum(1 for r in self.requests if r.method == method and path_contains in r.path)

    def __enter__(self) -> FakeHub:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.method == method and fault.path_contains in path:
                    fault.times -= 1
                    return fault
        return None

    def authorized(self, headers: dict[str, str]) -> bool:
        return headers.get("authorization") == f"Bearer {self.token}"


def _handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    class Handler(_HubHandler):
        pass

    Handler.hub = hub
    return Handler


class _HubHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = (
        True  # headers and body go out as separate writes: no 40 ms delayed-ACK stalls
    )
    hub: FakeHub

    def log_message(self, format: str, *args: Any) -> None:
        """Silent."""

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.hub.requests.append(Received(method, self.path, headers, body))
        if self.hub.latency:
            time.sleep(self.hub.latency)
        fault = self.hub.take_fault(method, self.path)
        if fault is not None:
            time.sleep(fault.delay)
            if fault.status is not None:
                self._send(fault.status, {"error": "injected"}, fault.headers, method=method)
                return
        try:
            self._route(method, headers, body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a time-out test)

    def _route(self, method: str, headers: dict[str, str], body: bytes) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        parts = [unquote(p) for p in url.path.strip("/").split("/")]
        if parts[:1] == ["api"]:
            self._api(method, parts[1:], query, headers, body)
        else:
            self._resolve(method, parts, headers)

    # -- /api ------------------------------------------------------------------------------------

    def _api(
        self,
        method: str,
        parts: list[str],
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: bytes,
    ) -> None:
        if parts == ["validate-yaml"] and method == "POST":
            self._validate(json.loads(body))
            return
        kind = {plural: singular for singular, plural in PLURAL.items()}.get(
            parts[0] if parts else ""
        )
        if kind is None:
            self._send(404, {"error": "no such endpoint"})
            return
        if len(parts) == 1 and method == "GET":
            self._list(kind, query, self.hub.authorized(headers))
            return
        repo = self._repo(kind, "/".join(parts[1:3]), headers, gated_blocks=False)
        if repo is None:
            return
        rest = parts[3:]
        if method == "GET" and rest[:1] in ([], ["revision"]):
            self._info(repo, rest[1] if rest else "main")
        elif method == "POST" and rest[:1] == ["preupload"]:
            self._preupload(repo, rest[1], body)
        elif method == "POST" and rest[:1] == ["commit"]:
            self._commit(repo, rest[1], query, headers, body)
        elif method == "GET" and rest[:1] == ["tree"]:
            self._tree(
                repo, rest[1], "/".join(rest[2:]), query.get("recursive", [""])[0].lower() == "true"
            )
        elif method == "POST" and rest[:1] == ["paths-info"]:
            self._paths_info(repo, rest[1], parse_qs(body.decode()).get("paths", []))
        else:
            self._send(404, {"error": "no such endpoint"})

    def _validate(self, asked: dict[str, Any]) -> None:
        content = asked.get("content")
        if not isinstance(content, str) or asked.get("repoType") not in PLURAL:
            self._send(400, {"error": "content and repoType are required"})
            return
        verdict = next((v for v in self.hub.verdicts if v.marker in content), Verdict())
        answer = {
            "errors": [{"message": message} for message in verdict.errors],
            "warnings": [{"message": message} for message in verdict.warnings],
        }
        self._send(400 if verdict.errors else 200, answer)

    def _list(self, kind: str, query: dict[str, list[str]], authorized: bool) -> None:
        found = [
            repo
            for (repo_kind, repo_id), repo in sorted(self.hub.repos.items())
            if repo_kind == kind
            and (authorized or not repo.private)
            and repo_id.split("/")[0] == query.get("author", [repo_id.split("/")[0]])[0]
            and all(tag in repo.tags for tag in query.get("filter", []))
        ]
        start = int(query.get("cursor", ["0"])[0])
        size = int(query.get("limit", [PAGE_SIZE])[0])
        page = found[start : start + size]
        extra = {}
        if start + size < len(found) and "limit" not in query:
            author = quote(query.get("author", [""])[0])
            extra["Link"] = (
                f'<{self.hub.url}/api/{PLURAL[kind]}?author={author}&cursor={start + size}>; rel="next"'
            )
        items = [
            {
                "id": r.repo_id,
                "modelId": r.repo_id,
                "private": r.private,
                "tags": r.tags,
                "sha": r.refs["main"],
            }
            for r in page
        ]
        self._send(200, items, extra)

    def _info(self, repo: FakeRepo, revision: str) -> None:
        sha = repo.resolve(revision)
        if sha is None:
            self._send(
                404, {"error": f"Invalid rev id: {revision}"}, {"X-Error-Code": "RevisionNotFound"}
            )
            return
        self._send(
            200,
            {
                "id": repo.repo_id,
                "author": repo.repo_id.split("/")[0],
                "sha": sha,
                "private": repo.private,
                "gated": "auto" if repo.gated else False,
                "tags": repo.tags,
                "siblings": [{"rfilename": name} for name in sorted(repo.commits[sha])],
            },
        )

    def _entries(self, repo: FakeRepo, revision: str) -> dict[str, dict[str, Any]] | None:
        """Every file and folder of a revision as the tree endpoint describes it; None for no such revision."""
        sha = repo.resolve(revision)
        if sha is None:
            self._send(404, {"error": "Invalid rev id"}, {"X-Error-Code": "RevisionNotFound"})
            return None
        entries: dict[str, dict[str, Any]] = {}
        for name, data in repo.commits[sha].items():
            entries[name] = {"type": "file", "path": name, "size": len(data), "oid": git_oid(data)}
            parts = name.split("/")[:-1]
            for depth in range(1, len(parts) + 1):
                folder = "/".join(parts[:depth])
                entries[folder] = {
                    "type": "directory",
                    "path": folder,
                    "oid": git_oid(folder.encode()),
                }
        return entries

    def _tree(self, repo: FakeRepo, revision: str, folder: str, recursive: bool) -> None:
        entries = self._entries(repo, revision)
        if entries is None:
            return
        prefix = f"{folder}/" if folder else ""
        inside = [
            entry
            for path, entry in sorted(entries.items())
            if path.startswith(prefix) and (recursive or "/" not in path[len(prefix) :])
        ]
        if folder and not inside:
            self._send(404, {"error": "not found"}, {"X-Error-Code": "EntryNotFound"})
            return
        self._send(200, inside)

    def _paths_info(self, repo: FakeRepo, revision: str, paths: list[str]) -> None:
        entries = self._entries(repo, revision)
        if entries is not None:
            self._send(200, [entries[path] for path in paths if path in entries])

    def _preupload(self, repo: FakeRepo, revision: str, body: bytes) -> None:
        files = repo.commits[repo.resolve(revision) or repo.refs["main"]]
        wanted = json.loads(body)["files"]
        answer = [
            {
                "path": f["path"],
                "uploadMode": "regular",
                "shouldIgnore": False,
                "oid": git_oid(files[f["path"]]) if f["path"] in files else None,
            }
            for f in wanted
        ]
        self._send(200, {"files": answer})

    def _commit(
        self,
        repo: FakeRepo,
        revision: str,
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: bytes,
    ) -> None:
        if not self.hub.authorized(headers):
            self._send(
                401,
                {"error": "You must be authenticated to commit"},
                {"X-Error-Message": "Invalid credentials in Authorization header"},
            )
            return
        lines = [json.loads(line) for line in body.splitlines() if line.strip()]
        header = lines[0]["value"]
        create_pr = query.get("create_pr") == ["1"]
        base = header.get("parentCommit") or repo.resolve(revision)
        if base is None or (
            not create_pr and header.get("parentCommit") and base != repo.refs.get(revision)
        ):
            self._send(412, {"error": "parent commit is not the head of the branch"})
            return
        files = dict(repo.commits[base])
        for line in lines[1:]:
            if line["key"] == "file":
                files[line["value"]["path"]] = base64.b64decode(line["value"]["content"])
        number = sum(1 for name in repo.refs if name.startswith("refs/pr/")) + 1
        branch = f"refs/pr/{number}" if create_pr else revision
        oid = repo.set_branch(branch, files)
        self.hub.commits.append(
            {
                "repo": repo.repo_id,
                "revision": revision,
                "create_pr": create_pr,
                "header": header,
                "operations": lines[1:],
            }
        )
        page = f"{self.hub.url}/{PREFIX[repo.repo_type]}{repo.repo_id}"
        self._send(
            200,
            {
                "commitUrl": f"{page}/commit/{oid}",
                "commitOid": oid,
                "pullRequestUrl": f"{page}/discussions/{number}" if create_pr else None,
            },
        )

    # -- /{repo}/resolve/{revision}/{path} -------------------------------------------------------

    def _resolve(self, method: str, parts: list[str], headers: dict[str, str]) -> None:
        kind = "model"
        if parts[0] in ("datasets", "spaces"):
            kind, parts = parts[0][:-1], parts[1:]
        if len(parts) < 5 or parts[2] != "resolve":
            self._send(404, {"error": "not found"}, method=method)
            return
        repo = self._repo(kind, "/".join(parts[:2]), headers, gated_blocks=True, method=method)
        if repo is None:
            return
        sha = repo.resolve(parts[3])
        if sha is None:
            self._send(
                404,
                {"error": "Invalid rev id"},
                {"X-Error-Code": "RevisionNotFound"},
                method=method,
            )
            return
        name = "/".join(parts[4:])
        data = repo.commits[sha].get(name)
        if data is None:
            self._send(
                404,
                {"error": "Entry not found"},
                {"X-Error-Code": "EntryNotFound", "X-Repo-Commit": sha},
                method=method,
            )
            return
        extra = {
            "ETag": f'"{git_oid(data)}"',
            "X-Repo-Commit": sha,
            "Content-Type": "text/plain; charset=utf-8",
        }
        wanted = headers.get("range", "").removeprefix("bytes=").split("-")
        if len(wanted) == 2 and wanted[0].isdigit():  # "bytes=START-" or "bytes=START-END"
            start = int(wanted[0])
            end = min(int(wanted[1]) + 1 if wanted[1] else len(data), len(data))
            extra["Content-Range"] = f"bytes {start}-{end - 1}/{len(data)}"
            self._send_bytes(206, data[start:end], extra, method)
            return
        self._send_bytes(200, data, extra, method)

    # -- helpers ---------------------------------------------------------------------------------

    def _repo(
        self,
        kind: str,
        repo_id: str,
        headers: dict[str, str],
        gated_blocks: bool,
        method: str = "GET",
    ) -> FakeRepo | None:
        repo = self.hub.repos.get((kind, repo_id))
        authorized = self.hub.authorized(headers)
        if repo is None or (repo.private and not authorized):
            status = 404 if authorized else 401
            self._send(
                status,
                {"error": "Repository not found"},
                {"X-Error-Code": "RepoNotFound", "X-Error-Message": "Repository not found"},
                method=method,
            )
            return None
        if repo.gated and gated_blocks and not authorized:
            message = f"Access to model {repo_id} is restricted. You must have access to it and be authenticated to access it. Please log in."
            self._send(
                403,
                {"error": message},
                {"X-Error-Code": "GatedRepo", "X-Error-Message": message},
                method=method,
            )
            return None
        return repo

    def _send(
        self, status: int, payload: Any, headers: dict[str, str] | None = None, method: str = "GET"
    ) -> None:
        extra = {"Content-Type": "application/json", **(headers or {})}
        self._send_bytes(status, json.dumps(payload).encode(), extra, method)

    def _send_bytes(self, status: int, data: bytes, headers: dict[str, str], method: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(data)
