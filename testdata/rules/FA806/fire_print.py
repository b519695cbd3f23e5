import builtins

from fastapi import FastAPI

app = FastAPI()
print("starting app")  # want: FA806


@app.post("/orders")
async def create_order(order: dict):
    print("creating order", order)  # want: FA806
    print(  # want: FA806
        "multi-line",
        order,
    )
    return order


def helper():
    builtins.print("debug")  # want: FA806


if __name__ == "__main__":
    print("serving")  # the __main__ block of an app module is silent
