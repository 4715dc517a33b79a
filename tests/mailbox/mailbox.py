"""A real SMTP server on loopback for the portal's tests: it keeps every email it accepts.

Run: python3 tests/mailbox/mailbox.py FOLDER
It listens on a free port of 127.0.0.1 and prints "listening on PORT" once it is ready. Each
email it accepts is written to FOLDER as 0001.eml, 0002.eml and so on, whole (headers and
parts), only after it has been received in full: a file appears complete or not at all.

To let a test kill a sender in the middle of sending, the first email to an address starting
"stall-" is held after its content has arrived and before the server answers: the file
FOLDER/stalled appears, and the email is dropped, never kept, when the sender goes away.
"""

import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP


class Mailbox:
    def __init__(self, folder):
        self.folder = folder
        self.kept = 0
        self.stalled = False

    async def handle_DATA(self, server, session, envelope):
        if not self.stalled and any(r.startswith("stall-") for r in envelope.rcpt_tos):
            self.stalled = True
            with open(os.path.join(self.folder, "stalled"), "w") as marker:
                marker.write("held\n")
            # Cancelled by aiosmtpd when the client's connection is lost: nothing is kept.
            await asyncio.Event().wait()
        self.kept += 1
        name = os.path.join(self.folder, f"{self.kept:04}.eml")
        with open(name + ".part", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        os.rename(name + ".part", name)
        return "250 Message accepted for delivery"


async def main(folder):
    os.makedirs(folder, exist_ok=True)
    handler = Mailbox(folder)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"listening on {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
