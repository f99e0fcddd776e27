"""A Streamlit page; the chat function is importable without Streamlit."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import AssistantMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

MODEL = os.getenv("AZURE_AI_CHAT_MODEL", "gpt-4o-mini")


def get_client():
    return ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                 credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))


def reply(history, prompt):
    client = get_client()
    messages = [UserMessage(t) if role == "user" else AssistantMessage(t) for role, t in history]
    messages.append(UserMessage(prompt))
    return client.complete(messages=messages, model=MODEL).choices[0].message.content


def page():
    import streamlit as st

    st.title("Chat")
    if prompt := st.chat_input():
        st.write(reply(st.session_state.get("history", []), prompt))


if __name__ == "__main__":
    print(reply([("user", "hi"), ("assistant", "hello")], "what can you do?"))
