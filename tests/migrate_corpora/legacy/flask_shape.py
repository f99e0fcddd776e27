"""A Flask backend; the model call is a function the route calls."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]
DEPLOYMENT = os.environ["AZURE_OPENAI_DEPLOYMENT"]


def chat_reply(history):
    completion = openai.ChatCompletion.create(engine=DEPLOYMENT, messages=history, temperature=0.5)
    message = completion["choices"][0]["message"]
    return {"role": message["role"], "content": message["content"]}


def create_app():
    from flask import Flask, jsonify, request

    app = Flask(__name__)

    @app.route("/chat", methods=["POST"])
    def chat():
        return jsonify(chat_reply(request.get_json()["messages"]))

    return app


if __name__ == "__main__":
    print(chat_reply([{"role": "user", "content": "hello"}]))
