class Bus:
    def on_event(self, name):
        return lambda f: f


bus = Bus()
