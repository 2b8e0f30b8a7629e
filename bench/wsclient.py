"""A small Streamlit client for the load tests: speaks the browser's websocket protocol with the
protobuf classes shipped in the `streamlit` package, so 45 phones cost the load generator a few
milliseconds per message instead of a browser each.

    async with StreamlitClient(base, query="eval=TOKEN", cookies=jar, source="127.0.0.12") as c:
        await c.rerun()                          # the first page load
        await c.set_choice("Vóór: …", "3")       # tap an option of a segmented control
        await c.set_text("Wat neem je mee?", "…")
        await c.open_section("Netwerk")          # tap the bar of a lazy expander
        await c.click("Versturen")

Like the browser it keeps the value of every widget it set and sends all of them with each
rerun; a button is a one-off trigger. As the browser does, it forgets the value of a widget that
is no longer drawn, and takes a stateful expander's open or closed state from the server. Each
rerun waits for `script_finished` and returns the elements of that run (label → widget, plus the
text of alerts and markdown), and the time from sending to the first element and to the end of
the run. `source` binds the client to one of the loopback addresses (127.0.0.x), so that each
simulated phone has its own client address, as phones in a room on mobile data do.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

WIDGETS = ("button_group", "button", "text_area", "selectbox", "checkbox", "text_input")


@dataclass
class Run:
    """One script run as the client saw it."""

    widgets: dict[str, Any] = field(default_factory=dict)  # label -> widget proto
    expanders: dict[str, Any] = field(default_factory=dict)  # label -> Expandable proto (stateful)
    texts: list[str] = field(default_factory=list)  # alert bodies, markdown, headings
    first_ms: float | None = None  # send -> first delta
    done_ms: float = 0.0  # send -> script_finished
    status: int = 0  # ForwardMsg.ScriptFinishedStatus
    exception: str | None = None

    def has_text(self, needle: str) -> bool:
        return any(needle in t for t in self.texts)


class StreamlitClient:
    def __init__(
        self,
        base: str,
        query: str = "",
        cookies: dict[str, str] | None = None,
        source: str | None = None,
        timeout: float = 120.0,
    ) -> None:
        parts = urlsplit(base)
        self.ws_url = f"ws://{parts.netloc}/_stcore/stream"
        self.query = query
        self.cookies = dict(cookies or {})
        self.source = source
        self.timeout = timeout
        self.states: dict[str, WidgetState] = {}
        self.page_hash = ""
        self.last = Run()
        self._ws: Any = None

    async def __aenter__(self) -> StreamlitClient:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        kwargs: dict[str, Any] = {
            "subprotocols": ["streamlit"],
            "additional_headers": headers,
            "max_size": 64 * 2**20,
            "open_timeout": self.timeout,
            "ping_interval": None,
        }
        if self.source:
            kwargs["local_addr"] = (self.source, 0)
        self._ws = await websockets.connect(self.ws_url, **kwargs)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    # ------------------------------------------------------------ widgets

    def widget(self, label: str) -> Any:
        try:
            return self.last.widgets[label]
        except KeyError:
            raise KeyError(f"no widget {label!r}; have {sorted(self.last.widgets)[:8]}…") from None

    async def set_choice(self, label: str, option: str) -> Run:
        """Tap `option` (its text) in the segmented control / pills named `label`."""
        w = self.widget(label)
        state = WidgetState(id=w.id)
        state.string_array_value.data[:] = [option]
        self.states[w.id] = state
        return await self.rerun()

    async def set_text(self, label: str, text: str) -> Run:
        w = self.widget(label)
        self.states[w.id] = WidgetState(id=w.id, string_value=text)
        return await self.rerun()

    async def select(self, label: str, option: str) -> Run:
        w = self.widget(label)
        self.states[w.id] = WidgetState(id=w.id, string_value=option)
        return await self.rerun()

    async def open_section(self, label: str) -> Run:
        """Tap the bar of the stateful expander `label` to open it."""
        try:
            e = self.last.expanders[label]
        except KeyError:
            raise KeyError(f"no expander {label!r}; have {sorted(self.last.expanders)}") from None
        self.states[e.id] = WidgetState(id=e.id, bool_value=True)
        return await self.rerun()

    async def click(self, label: str) -> Run:
        w = self.widget(label)
        return await self.rerun(trigger=WidgetState(id=w.id, trigger_value=True))

    # ------------------------------------------------------------ protocol

    async def rerun(self, trigger: WidgetState | None = None) -> Run:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash
        states = list(self.states.values()) + ([trigger] if trigger else [])
        cs.widget_states.widgets.extend(states)
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        run = Run()
        # A run may be preceded by the end of an earlier one: wait for the end of ours (the first
        # script_finished after a new script run started).
        started = False
        while True:
            data = await asyncio.wait_for(self._ws.recv(), self.timeout)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                started = True
                self.page_hash = fwd.new_session.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                pass
            elif kind == "delta" and started:
                if run.first_ms is None:
                    run.first_ms = (time.perf_counter() - start) * 1000
                self._read_delta(fwd.delta, run)
            elif kind == "script_finished" and started:
                run.done_ms = (time.perf_counter() - start) * 1000
                run.status = fwd.script_finished
                # FINISHED_EARLY_FOR_RERUN (an st.rerun, or a newer rerun request): another
                # run follows; wait for its end.
                if fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    started = False
                    continue
                break
        self.last = run
        # as the browser: the values of widgets no longer drawn are dropped; an expander shows
        # (and sends back) the state the server gave it
        drawn = {w.id for w in run.widgets.values()} | {e.id for e in run.expanders.values()}
        self.states = {k: v for k, v in self.states.items() if k in drawn}
        for e in run.expanders.values():
            self.states[e.id] = WidgetState(id=e.id, bool_value=e.expanded)
        return run

    @staticmethod
    def _read_delta(delta: Any, run: Run) -> None:
        if delta.WhichOneof("type") == "add_block":
            block = delta.add_block
            if block.WhichOneof("type") == "expandable" and block.expandable.id:
                run.expanders[block.expandable.label] = block.expandable
            return
        if delta.WhichOneof("type") != "new_element":
            return
        el = delta.new_element
        kind = el.WhichOneof("type")
        if kind in WIDGETS:
            proto = getattr(el, kind)
            run.widgets[proto.label] = proto
        elif kind == "alert":
            run.texts.append(el.alert.body)
        elif kind == "markdown":
            run.texts.append(el.markdown.body)
        elif kind == "heading":
            run.texts.append(el.heading.body)
        elif kind == "exception":
            run.exception = el.exception.message or el.exception.type
            run.texts.append(f"EXCEPTION {run.exception}")
