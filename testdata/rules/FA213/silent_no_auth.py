from fastapi import FastAPI, Header

app = FastAPI()


def get_current_user():
    # Named like an auth dependency but checks nothing: the app has no authentication.
    return "anonymous"


@app.post("/notes", status_code=201)
def create_note(user_agent: str = Header(None)):
    return {"ua": user_agent}


@app.delete("/notes/{note_id}", status_code=204)
def delete_note(note_id: int):
    return None
