"""A script whose imports all sit in main(), as many samples write them."""


def main():
    import os

    from azure.ai.inference import ChatCompletionsClient
    from azure.ai.inference.models import UserMessage
    from azure.core.credentials import AzureKeyCredential

    endpoint = os.getenv("AZURE_AI_CHAT_ENDPOINT")
    key = os.getenv("AZURE_AI_CHAT_KEY")
    client = ChatCompletionsClient(endpoint=endpoint, credential=AzureKeyCredential(key))
    response = client.complete(messages=[UserMessage("Tell me a joke.")], model="gpt-4o-mini", temperature=0.2)
    print(response.choices[0].message.content)


if __name__ == "__main__":
    main()
