"""A Flask app: the model call is a plain function; Flask is imported only to serve it."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))


def answer(question):
    response = client.complete(messages=[SystemMessage("You are a support bot."), UserMessage(question)],
                               model=os.environ["AZURE_AI_CHAT_MODEL"])
    return response.choices[0].message.content


def create_app():
    from flask import Flask, jsonify, request

    app = Flask(__name__)

    @app.post("/ask")
    def ask():
        return jsonify(answer=answer(request.json["question"]))

    return app


if __name__ == "__main__":
    print(answer("How do I reset my password?"))
