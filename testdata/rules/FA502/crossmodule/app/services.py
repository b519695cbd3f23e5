from fastapi.responses import StreamingResponse


def export_orders():
    return StreamingResponse(iter(["id\n"]), media_type="text/csv")


def list_orders():
    return [{"id": 1}]


class OrderService:
    def download(self):
        response = StreamingResponse(iter([b"x"]))
        return response

    def summary(self):
        return {"total": 1}
